// Defender security alert → Finding (kind cloud_alert, stage operate). Severity High/Medium/
// Low/Informational → high/medium/low/info. Status Active and InProgress are open; Resolved →
// resolved; Dismissed → dismissed. The alerts API carries no "last changed" time, so a state
// change is timed when Rampart observes it (sourceUpdatedAt stays null).
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { describeIssues, orFallback, type MapResult } from "../github/map-result";
import { armKey, parentResourceId } from "./arm-id";
import { armReference, severityOf, timeOr } from "./normalize";
import { AlertSchema } from "./schemas";

const STATE: Record<string, NormalizedFinding["state"]> = { active: "open", inprogress: "open", new: "open", resolved: "resolved", dismissed: "dismissed" };

export function mapAlert(raw: unknown, context: { observedAt: Date }): MapResult {
  const parsed = AlertSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const alert = parsed.data;
  const { properties } = alert;
  const warnings: string[] = [];
  const status = properties.status ?? "(none)";
  const state = orFallback(STATE[status.toLowerCase()], "open", "alert status", status, warnings);
  const severity = orFallback(severityOf(properties.severity), "medium", "severity", properties.severity ?? "(none)", warnings);
  const resourceId = properties.resourceIdentifiers?.find((r) => r.azureResourceId)?.azureResourceId ?? null;
  const ruleId = properties.alertType ?? "unknown-alert-type";
  // The subject is the affected resource; without one, the scope the alert was raised in.
  const subject = resourceId ?? parentResourceId(alert.id);
  return {
    ok: true,
    warnings,
    finding: {
      source: "defender",
      sourceId: armKey(alert.id),
      kind: "cloud_alert",
      repositorySourceId: null,
      cloudResourceId: resourceId,
      ruleId,
      ruleName: properties.alertDisplayName ?? null,
      title: properties.alertDisplayName ?? ruleId,
      severity,
      sourceSeverity: properties.severity ?? null,
      state,
      stage: "operate",
      // Each alert is its own incident: the alert's name pins it, so two alerts of one type on one
      // resource never merge.
      fingerprint: fingerprint({ kind: "cloud_alert", subject, ruleId, location: (properties.systemAlertId ?? alert.name).toLowerCase() }),
      locationPath: null,
      locationLine: null,
      details: {
        status,
        intent: properties.intent ?? null,
        description: properties.description ?? null,
        compromisedEntity: properties.compromisedEntity ?? null,
        productName: properties.productName ?? null,
        productComponentName: properties.productComponentName ?? null,
        remediationSteps: properties.remediationSteps ?? [],
        techniques: properties.techniques ?? [],
        subTechniques: properties.subTechniques ?? [],
        isIncident: properties.isIncident ?? null,
        startTimeUtc: properties.startTimeUtc ?? null,
        endTimeUtc: properties.endTimeUtc ?? null,
      },
      url: properties.alertUri ?? null,
      cveId: null,
      cvssScore: null,
      sourceCreatedAt: timeOr(properties.timeGeneratedUtc ?? properties.startTimeUtc, context.observedAt, "generation time", warnings),
      sourceUpdatedAt: null,
      fixedAt: null,
      // Closed times stay null for the same reason: the reconcile step stamps the state change's
      // event with the sync's observation time, and a repeated sync changes nothing.
      dismissedAt: null,
      dismissedReason: null,
      dismissedBy: null,
      resolvedAt: null,
    },
  };
}
