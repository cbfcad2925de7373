// What alerts are about: CodeQL-style rules, advisories, secret types. Real ids where the
// public ones are well known; the rest generated so enterprise scale has enough variety.
import { Rng } from "../core/random";

export type AlertSeverity = "critical" | "high" | "medium" | "low";

export interface CodeRule {
  id: string;
  name: string;
  description: string;
  /** SARIF level: error | warning | note */
  severity: "error" | "warning" | "note";
  securitySeverity: AlertSeverity;
  tags: string[];
  language: string;
}

export interface Advisory {
  ghsaId: string;
  cveId: string | null;
  summary: string;
  ecosystem: "npm" | "pip" | "maven" | "nuget" | "go" | "rubygems" | "rust";
  packageName: string;
  severity: AlertSeverity;
  cvssScore: number;
  cvssVector: string;
  cwe: { id: string; name: string };
  vulnerableRange: string;
  patchedVersion: string | null;
  publishedAt: number;
  manifestPath: string;
}

export interface SecretType {
  type: string;
  displayName: string;
}

const CODE_RULE_SEEDS: [string, string, CodeRule["severity"], AlertSeverity, string][] = [
  ["js/sql-injection", "Database query built from user-controlled sources", "error", "high", "cwe-089"],
  ["js/xss", "Client-side cross-site scripting", "error", "high", "cwe-079"],
  ["js/path-injection", "Uncontrolled data used in path expression", "error", "high", "cwe-022"],
  ["js/prototype-pollution", "Prototype-polluting assignment", "warning", "medium", "cwe-1321"],
  ["js/insecure-randomness", "Insecure randomness", "warning", "medium", "cwe-338"],
  ["js/hardcoded-credentials", "Hard-coded credentials", "error", "critical", "cwe-798"],
  ["py/sql-injection", "SQL query built from user-controlled sources", "error", "high", "cwe-089"],
  ["py/command-line-injection", "Uncontrolled command line", "error", "critical", "cwe-078"],
  ["py/flask-debug", "Flask app is run in debug mode", "error", "high", "cwe-215"],
  ["py/weak-cryptographic-algorithm", "Use of a broken or weak cryptographic algorithm", "warning", "medium", "cwe-327"],
  ["go/sql-injection", "Database query built from user-controlled sources", "error", "high", "cwe-089"],
  ["go/insecure-tls", "Insecure TLS configuration", "warning", "medium", "cwe-327"],
  ["java/ssrf", "Server-side request forgery", "error", "critical", "cwe-918"],
  ["java/xxe", "Resolving XML external entity in user-controlled data", "error", "critical", "cwe-611"],
  ["cs/web/missing-x-frame-options", "Missing X-Frame-Options HTTP header", "warning", "medium", "cwe-451"],
  ["cs/log-forging", "Log entries created from user input", "warning", "medium", "cwe-117"],
  ["rb/reflected-xss", "Reflected server-side cross-site scripting", "error", "high", "cwe-079"],
  ["js/missing-rate-limiting", "Missing rate limiting", "warning", "low", "cwe-770"],
  ["js/clear-text-logging", "Clear-text logging of sensitive information", "error", "high", "cwe-312"],
  ["actions/untrusted-checkout", "Checkout of untrusted code in trusted context", "error", "critical", "cwe-829"],
];

const LANGUAGE_OF: Record<string, string> = { js: "javascript", py: "python", go: "go", java: "java", cs: "csharp", rb: "ruby", actions: "actions" };

export const CODE_RULES: CodeRule[] = CODE_RULE_SEEDS.map(([id, description, severity, securitySeverity, cwe]) => ({
  id,
  name: id.split("/").slice(1).join("/"),
  description,
  severity,
  securitySeverity,
  tags: ["security", `external/cwe/${cwe}`],
  language: LANGUAGE_OF[id.split("/")[0]!] ?? "javascript",
}));

export const SECRET_TYPES: SecretType[] = [
  { type: "github_personal_access_token", displayName: "GitHub Personal Access Token" },
  { type: "aws_access_key_id", displayName: "Amazon AWS Access Key ID" },
  { type: "azure_storage_account_key", displayName: "Azure Storage Account Access Key" },
  { type: "azure_devops_personal_access_token", displayName: "Azure DevOps Personal Access Token" },
  { type: "slack_incoming_webhook_url", displayName: "Slack Incoming Webhook URL" },
  { type: "stripe_api_key", displayName: "Stripe API Key" },
  { type: "npm_access_token", displayName: "npm Access Token" },
  { type: "google_api_key", displayName: "Google API Key" },
];

const PACKAGES: [Advisory["ecosystem"], string, string][] = [
  ["npm", "lodash", "package-lock.json"], ["npm", "axios", "package-lock.json"], ["npm", "minimist", "package-lock.json"],
  ["npm", "express", "package-lock.json"], ["npm", "jsonwebtoken", "package-lock.json"], ["npm", "semver", "package-lock.json"],
  ["pip", "django", "requirements.txt"], ["pip", "requests", "requirements.txt"], ["pip", "pyyaml", "requirements.txt"],
  ["pip", "jinja2", "poetry.lock"], ["maven", "org.apache.logging.log4j:log4j-core", "pom.xml"],
  ["maven", "com.fasterxml.jackson.core:jackson-databind", "pom.xml"], ["nuget", "Newtonsoft.Json", "packages.lock.json"],
  ["nuget", "System.Text.Encodings.Web", "packages.lock.json"], ["go", "golang.org/x/net", "go.sum"],
  ["go", "github.com/gin-gonic/gin", "go.sum"], ["rubygems", "nokogiri", "Gemfile.lock"], ["rust", "tokio", "Cargo.lock"],
];

const CWES = [
  { id: "CWE-79", name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" },
  { id: "CWE-400", name: "Uncontrolled Resource Consumption" },
  { id: "CWE-502", name: "Deserialization of Untrusted Data" },
  { id: "CWE-918", name: "Server-Side Request Forgery (SSRF)" },
  { id: "CWE-1321", name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')" },
  { id: "CWE-22", name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')" },
];

const GHSA_ALPHABET = "23456789cfghjmpqrvwx";

function ghsaId(rng: Rng): string {
  const part = () => Array.from({ length: 4 }, () => GHSA_ALPHABET[rng.int(0, GHSA_ALPHABET.length - 1)]).join("");
  return `GHSA-${part()}-${part()}-${part()}`;
}

const SEVERITY_SCORE: Record<AlertSeverity, [number, number]> = { critical: [9.0, 10], high: [7.0, 8.9], medium: [4.0, 6.9], low: [0.1, 3.9] };

/** A deterministic advisory catalog of `size` entries. */
export function advisoryCatalog(seed: number, size = 120, now = Date.UTC(2026, 10, 1)): Advisory[] {
  return Array.from({ length: size }, (_, i) => {
    const rng = Rng.of(seed, "advisory", i);
    const [ecosystem, packageName, manifestPath] = rng.pick(PACKAGES);
    const severity = rng.weighted<AlertSeverity>(["critical", "high", "medium", "low"], [1, 3, 4, 2]);
    const [lo, hi] = SEVERITY_SCORE[severity];
    const major = rng.int(1, 6);
    const minor = rng.int(0, 20);
    return {
      ghsaId: ghsaId(rng),
      cveId: rng.bool(0.85) ? `CVE-${rng.int(2019, 2026)}-${rng.int(1000, 49999)}` : null,
      summary: `${packageName} ${rng.pick(["denial of service", "prototype pollution", "remote code execution", "path traversal", "server-side request forgery", "improper input validation"])}`,
      ecosystem,
      packageName,
      severity,
      cvssScore: Math.round((lo + rng.next() * (hi - lo)) * 10) / 10,
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      cwe: rng.pick(CWES),
      vulnerableRange: `< ${major}.${minor}.0`,
      patchedVersion: rng.bool(0.9) ? `${major}.${minor}.0` : null,
      publishedAt: now - rng.int(30, 900) * 86_400_000,
      manifestPath,
    };
  });
}
