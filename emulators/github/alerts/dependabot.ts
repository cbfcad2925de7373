// Dependabot alerts: the vulnerable dependency, its advisory (from the world's catalog) and the
// matching vulnerability, with dismissal/fix history. `dependabot-alert` is a closed schema
// (additionalProperties: false), so this emits exactly its fields.
import type { EmulatorContext } from "../../core/context";
import { Rng } from "../../core/random";
import { DISMISS_REASONS, type AlertRow } from "../../world/alerts";
import type { Advisory } from "../../world/catalogs";
import type { Organization, Repository } from "../../world/github";
import { simpleRepository } from "../objects/repositories";
import { memberUser } from "../objects/users";
import { apiBase, iso, webBase } from "../objects/urls";
import type { Schema } from "../schema-types";
import { saltChance, saltPick } from "./derived";

export type DependabotAlert = Schema<"dependabot-alert">;

export const advisoryOf = (ctx: EmulatorContext, row: AlertRow): Advisory => ctx.world.advisories[row.catalogIndex % ctx.world.advisories.length]!;

/** EPSS of an advisory: most are unlikely to be exploited, a few critical ones very likely. */
export function epssOf(ctx: EmulatorContext, row: AlertRow): { percentage: number; percentile: number } {
  const index = row.catalogIndex % ctx.world.advisories.length;
  const rng = Rng.of(ctx.world.seed, "epss", index);
  const hot = ctx.world.advisories[index]!.severity === "critical" && rng.bool(0.4);
  const percentage = hot ? 0.1 + rng.next() * 0.85 : rng.next() * 0.02;
  return { percentage: Math.round(percentage * 1e5) / 1e5, percentile: Math.round(Math.min(0.99999, hot ? 0.9 + percentage / 10 : percentage * 40) * 1e5) / 1e5 };
}

export const scopeOf = (row: AlertRow): "runtime" | "development" => (saltChance(row.salt, "scope", 0.2) ? "development" : "runtime");
export const relationshipOf = (row: AlertRow): "direct" | "transitive" | "unknown" => saltPick(row.salt, "relationship", ["direct", "direct", "direct", "transitive", "transitive", "unknown"] as const);
const MANIFEST_DIRS = ["", "", "", "services/api/", "web/", "tools/"];

function vulnerability(a: Advisory): DependabotAlert["security_vulnerability"] {
  return {
    package: { ecosystem: a.ecosystem, name: a.packageName },
    severity: a.severity,
    vulnerable_version_range: a.vulnerableRange,
    first_patched_version: a.patchedVersion ? { identifier: a.patchedVersion } : null,
  };
}

function advisory(ctx: EmulatorContext, row: AlertRow, a: Advisory): DependabotAlert["security_advisory"] {
  return {
    ghsa_id: a.ghsaId,
    cve_id: a.cveId,
    summary: a.summary,
    description: `${a.summary}. Versions ${a.vulnerableRange} of ${a.packageName} are affected${a.patchedVersion ? `; upgrade to ${a.patchedVersion} or later` : "; no patched version is available yet"}.`,
    vulnerabilities: [vulnerability(a)],
    severity: a.severity,
    classification: "general",
    cvss: { vector_string: a.cvssVector, score: a.cvssScore },
    cvss_severities: { cvss_v3: { vector_string: a.cvssVector, score: a.cvssScore }, cvss_v4: null },
    epss: epssOf(ctx, row),
    cwes: [{ cwe_id: a.cwe.id, name: a.cwe.name }],
    identifiers: [{ type: "GHSA", value: a.ghsaId }, ...(a.cveId ? [{ type: "CVE" as const, value: a.cveId }] : [])],
    references: [...(a.cveId ? [{ url: `https://nvd.nist.gov/vuln/detail/${a.cveId}` }] : []), { url: `https://github.com/advisories/${a.ghsaId}` }],
    published_at: iso(a.publishedAt),
    updated_at: iso(a.publishedAt + 86_400_000 * 3),
    withdrawn_at: null,
  };
}

/** The alert without its repository (GET /repos/{owner}/{repo}/dependabot/alerts/{n}, webhooks). */
export function dependabotAlert(ctx: EmulatorContext, org: Organization, repo: Repository, row: AlertRow): DependabotAlert {
  const a = advisoryOf(ctx, row);
  const state = row.state === "dismissed" || row.state === "fixed" || row.state === "auto_dismissed" ? row.state : "open";
  const closedAt = row.closedAt === null ? null : iso(row.closedAt);
  const dismissed = state === "dismissed";
  return {
    number: row.number,
    state,
    dependency: {
      package: { ecosystem: a.ecosystem, name: a.packageName },
      manifest_path: `${saltPick(row.salt, "manifest", MANIFEST_DIRS)}${a.manifestPath}`,
      scope: scopeOf(row),
      relationship: relationshipOf(row),
    },
    security_advisory: advisory(ctx, row, a),
    security_vulnerability: vulnerability(a),
    url: `${apiBase(ctx)}/repos/${repo.fullName}/dependabot/alerts/${row.number}`,
    html_url: `${webBase(ctx)}/${repo.fullName}/security/dependabot/${row.number}`,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    dismissed_at: dismissed ? closedAt : null,
    dismissed_by: dismissed && row.closedBy !== null ? memberUser(ctx, org, row.closedBy) : null,
    dismissed_reason: dismissed ? (DISMISS_REASONS.dependabot[row.reasonIndex] as DependabotAlert["dismissed_reason"]) : null,
    dismissed_comment: dismissed && saltChance(row.salt, "comment", 0.5) ? "Not reachable from our code paths." : null,
    fixed_at: state === "fixed" ? closedAt : null,
    auto_dismissed_at: state === "auto_dismissed" ? closedAt : null,
    assignees: [],
  };
}

/** An item of GET /orgs/{org}/dependabot/alerts. */
export function dependabotOrgItem(ctx: EmulatorContext, org: Organization, row: AlertRow): Schema<"dependabot-alert-with-repository"> {
  const repo = org.repos[row.repoIndex]!;
  return { ...dependabotAlert(ctx, org, repo, row), repository: simpleRepository(ctx, org, repo) };
}
