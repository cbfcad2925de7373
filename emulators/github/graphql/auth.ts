// Who is asking: the Authorization header resolved through the shared token registry into a
// viewer with the orgs it may read and the budget it spends. PATs act as their user across
// the orgs they were granted; installation tokens see only their installation's org.
import { GITHUB_APP_SLUG, orgIndexOfInstallation } from "../../core/credentials";
import type { EmulatorContext } from "../../core/context";
import type { IssuedToken } from "../../core/tokens";
import { hashString } from "../../core/random";
import type { GitHubUser } from "../../world/github";

export interface Viewer {
  kind: "user" | "installation";
  login: string;
  /** The world user behind a PAT, when it is one of the world's people. */
  user: GitHubUser | undefined;
  /** Org indexes the token may read; null for every org. */
  orgIndexes: ReadonlySet<number> | null;
  /** Who the hourly budget belongs to, as GitHub names it in RATE_LIMITED messages. */
  owner: { type: "user" | "installation"; id: number };
}

const DOCS = "https://docs.github.com/graphql";

export type AuthResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; status: 401; body: { message: string; documentation_url: string; status: "401" } };

function orgScope(ctx: EmulatorContext, token: IssuedToken): ReadonlySet<number> | null {
  const { orgIndex, installationId, orgs } = token.data;
  if (typeof orgIndex === "number") return new Set([orgIndex]);
  // A fine-grained PAT granted to some orgs names them by login.
  if (Array.isArray(orgs)) {
    const logins = new Set(orgs.map((o) => String(o).toLowerCase()));
    return new Set(ctx.world.github.orgs.filter((o) => logins.has(o.login.toLowerCase())).map((o) => o.index));
  }
  if (typeof installationId === "number") {
    const index = orgIndexOfInstallation(ctx.world, installationId);
    return new Set(index < 0 ? [] : [index]);
  }
  // An installation token that names no org can read nothing; a PAT without limits reads all.
  return token.kind === "github-installation" ? new Set() : null;
}

function viewerOf(ctx: EmulatorContext, token: IssuedToken): Viewer {
  const orgIndexes = orgScope(ctx, token);
  if (token.kind === "github-installation") {
    const installationId = typeof token.data.installationId === "number" ? token.data.installationId : hashString(token.subject);
    return { kind: "installation", login: `${GITHUB_APP_SLUG}[bot]`, user: undefined, orgIndexes, owner: { type: "installation", id: installationId } };
  }
  const user = ctx.world.github.users.find((u) => u.login === token.subject);
  return {
    kind: "user",
    login: user?.login ?? token.subject,
    user,
    orgIndexes,
    // Tokens of one user share one budget, as on GitHub; unknown subjects get a stable id.
    owner: { type: "user", id: user?.id ?? 1_000_000 + (hashString(token.subject) % 1_000_000) },
  };
}

/** The token in `bearer|token <token>`, or in Basic auth's password, as GitHub accepts both. */
function tokenOf(header: string | undefined): string | undefined {
  const [scheme = "", value = ""] = (header ?? "").trim().split(/\s+/, 2);
  if (/^(bearer|token)$/i.test(scheme)) return value || undefined;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.slice(decoded.indexOf(":") + 1) || undefined;
  }
  return undefined;
}

/** Resolves the Authorization header to a viewer; GitHub's 401 bodies otherwise. */
export function authenticate(ctx: EmulatorContext, header: string | undefined): AuthResult {
  const token = tokenOf(header);
  if (!header) {
    return {
      ok: false,
      status: 401,
      body: { message: "This endpoint requires you to be authenticated.", documentation_url: `${DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`, status: "401" },
    };
  }
  const issued = token ? ctx.tokens.lookup(token) : undefined;
  if (!issued || (issued.kind !== "github-pat" && issued.kind !== "github-installation")) {
    return { ok: false, status: 401, body: { message: "Bad credentials", documentation_url: DOCS, status: "401" } };
  }
  return { ok: true, viewer: viewerOf(ctx, issued) };
}

/** Whether the viewer may read org `orgIndex`. */
export function canReadOrg(viewer: Viewer, orgIndex: number): boolean {
  return viewer.orgIndexes === null || viewer.orgIndexes.has(orgIndex);
}
