// Text an alert row does not store but GitHub shows (file paths, lines, commit SHAs, secrets):
// derived from the row's salt, so the same alert reads the same on every request.
import { Rng } from "../../core/random";

const DIRS = ["src", "lib", "app", "api", "services/core", "internal", "pkg", "web/src", "server", "handlers"];
const FILES = ["index", "handler", "routes", "client", "utils", "auth", "db", "config", "render", "upload", "session", "search"];
const EXTENSIONS: Record<string, string> = { javascript: "ts", python: "py", go: "go", java: "java", csharp: "cs", ruby: "rb", actions: "yml" };

export interface SourceLocation {
  path: string;
  startLine: number;
  endLine: number;
  startColumn: number;
  endColumn: number;
  commitSha: string;
  blobSha: string;
}

/** Where an alert points, for a rule/package in `language`. */
export function locationOf(salt: number, language: string, variant = 0): SourceLocation {
  const rng = Rng.of(salt, "location", variant);
  const path =
    language === "actions" ? `.github/workflows/${rng.pick(["ci", "release", "deploy", "codeql"])}.yml` : `${rng.pick(DIRS)}/${rng.pick(FILES)}.${EXTENSIONS[language] ?? "ts"}`;
  const startLine = rng.int(3, 640);
  const startColumn = rng.int(1, 40);
  return {
    path,
    startLine,
    endLine: startLine + rng.int(0, 4),
    startColumn,
    endColumn: startColumn + rng.int(6, 60),
    commitSha: rng.hex(40),
    blobSha: rng.hex(40),
  };
}

/** A deterministic choice by salt, independent of the location's draws. */
export function saltPick<T>(salt: number, purpose: string, items: readonly T[]): T {
  return Rng.of(salt, purpose).pick(items);
}

export function saltChance(salt: number, purpose: string, probability: number): boolean {
  return Rng.of(salt, purpose).bool(probability);
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function chars(rng: Rng, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

/** A leaked value shaped like the secret type (generated, never a working credential). */
export function secretValue(salt: number, type: string): string {
  const rng = Rng.of(salt, "secret");
  switch (type) {
    case "github_personal_access_token":
      return `ghp_${chars(rng, ALNUM, 36)}`;
    case "aws_access_key_id":
      return `AKIA${chars(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
    case "azure_storage_account_key":
      return `${chars(rng, `${ALNUM}+/`, 86)}==`;
    case "azure_devops_personal_access_token":
      return chars(rng, "abcdefghijklmnopqrstuvwxyz234567", 52);
    case "slack_incoming_webhook_url":
      return `https://hooks.slack.com/services/T${chars(rng, ALNUM.slice(0, 26), 8)}/B${chars(rng, ALNUM.slice(0, 26), 8)}/${chars(rng, ALNUM, 24)}`;
    case "stripe_api_key":
      return `sk_live_${chars(rng, ALNUM, 24)}`;
    case "npm_access_token":
      return `npm_${chars(rng, ALNUM, 36)}`;
    case "google_api_key":
      return `AIza${chars(rng, `${ALNUM}-_`, 35)}`;
    default:
      return chars(rng, ALNUM, 40);
  }
}
