// Secret scanning alert → Finding (pre-commit stage). GitHub gives secrets no severity, so:
// critical while open and either publicly leaked or still valid ("active"); high otherwise.
// A revoked secret counts as fixed; false positives, won't-fix, used-in-tests and pattern
// changes count as dismissed. The secret value itself is never stored.
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { SecretScanningAlertSchema } from "./alert-schemas";
import { date, describeIssues, orFallback, referenceOf, type MapResult } from "./map-result";

export function mapSecretScanningAlert(raw: unknown): MapResult {
  const parsed = SecretScanningAlertSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: referenceOf(raw), error: describeIssues(parsed.error) };
  const alert = parsed.data;
  const warnings: string[] = [];
  const sourceState = alert.state ?? (alert.resolution ? "resolved" : "open");
  const resolvedAs: NormalizedFinding["state"] = alert.resolution === "revoked" ? "fixed" : "dismissed";
  const state = orFallback<NormalizedFinding["state"]>(
    sourceState === "open" ? "open" : sourceState === "resolved" ? resolvedAs : undefined,
    "open",
    "state",
    sourceState,
    warnings,
  );
  const exposed = alert.publicly_leaked === true || alert.validity === "active";
  const severity: NormalizedFinding["severity"] = state === "open" && exposed ? "critical" : "high";
  const resolvedAt = date(alert.resolved_at);
  const path = alert.first_location_detected?.path ?? null;
  return {
    ok: true,
    warnings,
    finding: {
      source: "github",
      sourceId: `secret_scanning:${alert.repository.id}:${alert.number}`,
      kind: "secret",
      repositorySourceId: String(alert.repository.id),
      cloudResourceId: null,
      ruleId: alert.secret_type,
      ruleName: alert.secret_type_display_name ?? null,
      title: `${alert.secret_type_display_name ?? alert.secret_type} exposed`,
      severity,
      sourceSeverity: null,
      state,
      stage: "pre_commit",
      // The alert number is the identity: two leaks of the same type in one repo are two problems.
      fingerprint: fingerprint({ kind: "secret", subject: String(alert.repository.id), ruleId: alert.secret_type, location: `#${alert.number}` }),
      locationPath: path,
      locationLine: alert.first_location_detected?.start_line ?? null,
      details: {
        repository: alert.repository.full_name,
        number: alert.number,
        resolution: alert.resolution ?? null,
        resolutionComment: alert.resolution_comment ?? null,
        validity: alert.validity ?? null,
        publiclyLeaked: alert.publicly_leaked ?? null,
        multiRepo: alert.multi_repo ?? null,
        pushProtectionBypassed: alert.push_protection_bypassed ?? false,
        pushProtectionBypassedBy: alert.push_protection_bypassed_by?.login ?? null,
        pushProtectionBypassedAt: alert.push_protection_bypassed_at ?? null,
      },
      url: alert.html_url,
      cveId: null,
      cvssScore: null,
      sourceCreatedAt: new Date(alert.created_at),
      sourceUpdatedAt: date(alert.updated_at),
      fixedAt: state === "fixed" ? resolvedAt : null,
      dismissedAt: state === "dismissed" ? resolvedAt : null,
      dismissedReason: state === "dismissed" ? (alert.resolution ?? null) : null,
      dismissedBy: state === "dismissed" ? (alert.resolved_by?.login ?? null) : null,
      resolvedAt,
    },
  };
}
