// Dependabot alert → Finding (CI stage). Severity is the advisory's (GitHub's older "moderate"
// is medium). auto_dismissed counts as dismissed with reason "auto_dismissed".
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { DependabotAlertSchema } from "./alert-schemas";
import { date, describeIssues, orFallback, referenceOf, type MapResult } from "./map-result";

const SEVERITY: Record<string, NormalizedFinding["severity"]> = { critical: "critical", high: "high", medium: "medium", moderate: "medium", low: "low" };
const STATE: Record<string, NormalizedFinding["state"]> = { open: "open", fixed: "fixed", dismissed: "dismissed", auto_dismissed: "dismissed" };

export function mapDependabotAlert(raw: unknown): MapResult {
  const parsed = DependabotAlertSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: referenceOf(raw), error: describeIssues(parsed.error) };
  const alert = parsed.data;
  const warnings: string[] = [];
  const advisory = alert.security_advisory;
  const severity = orFallback(
    SEVERITY[advisory.severity.toLowerCase()] ?? SEVERITY[alert.security_vulnerability?.severity?.toLowerCase() ?? ""],
    "medium",
    "severity",
    advisory.severity,
    warnings,
  );
  const state = orFallback(STATE[alert.state], "open", "state", alert.state, warnings);
  const pkg = alert.dependency.package;
  const manifest = alert.dependency.manifest_path ?? null;
  const epss = Array.isArray(advisory.epss) ? null : (advisory.epss ?? null);
  const cvss = advisory.cvss_severities?.cvss_v4?.score ?? advisory.cvss_severities?.cvss_v3?.score ?? advisory.cvss?.score ?? null;
  return {
    ok: true,
    warnings,
    finding: {
      source: "github",
      sourceId: `dependabot:${alert.repository.id}:${alert.number}`,
      kind: "dependency",
      repositorySourceId: String(alert.repository.id),
      cloudResourceId: null,
      ruleId: advisory.ghsa_id,
      ruleName: advisory.cve_id ?? advisory.ghsa_id,
      title: advisory.summary,
      severity,
      sourceSeverity: advisory.severity,
      state,
      stage: "ci",
      fingerprint: fingerprint({ kind: "dependency", subject: String(alert.repository.id), ruleId: advisory.ghsa_id, location: `${manifest ?? ""}:${pkg?.ecosystem ?? ""}/${pkg?.name ?? ""}` }),
      locationPath: manifest,
      locationLine: null,
      details: {
        repository: alert.repository.full_name,
        number: alert.number,
        package: pkg ? { ecosystem: pkg.ecosystem, name: pkg.name } : null,
        scope: alert.dependency.scope ?? null,
        relationship: alert.dependency.relationship ?? null,
        vulnerableVersionRange: alert.security_vulnerability?.vulnerable_version_range ?? null,
        firstPatchedVersion: alert.security_vulnerability?.first_patched_version?.identifier ?? null,
        ghsaId: advisory.ghsa_id,
        cwes: (advisory.cwes ?? []).map((c) => c.cwe_id),
        epss: epss ? { percentage: epss.percentage ?? null, percentile: epss.percentile ?? null } : null,
        autoDismissed: alert.state === "auto_dismissed",
        dismissedComment: alert.dismissed_comment ?? null,
      },
      url: alert.html_url,
      cveId: advisory.cve_id ?? null,
      cvssScore: cvss !== null && cvss !== undefined && cvss > 0 ? cvss : null,
      sourceCreatedAt: new Date(alert.created_at),
      sourceUpdatedAt: date(alert.updated_at),
      fixedAt: date(alert.fixed_at),
      dismissedAt: date(alert.dismissed_at) ?? date(alert.auto_dismissed_at),
      dismissedReason: alert.state === "auto_dismissed" ? "auto_dismissed" : (alert.dismissed_reason ?? null),
      dismissedBy: alert.dismissed_by?.login ?? null,
      resolvedAt: null,
    },
  };
}
