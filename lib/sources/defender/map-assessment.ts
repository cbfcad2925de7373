// Defender assessment (a recommendation's result on one resource) → Finding, whatever its
// status: Unhealthy → open; Healthy → resolved (evidence the control passes); NotApplicable →
// dismissed with reason "not_applicable: <cause>" and details.scored = false, so scores leave
// it out (the finding_state enum has no "not applicable"; dismissed is the state that is
// neither open nor counted as passing). Severity comes from the recommendation's metadata.
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { describeIssues, orFallback, type MapResult } from "../github/map-result";
import { armKey, parentResourceId, parseResourceId } from "./arm-id";
import { armReference, severityOf, stageOf, timeOr } from "./normalize";
import { AssessmentSchema, type AssessmentMetadataProperties } from "./schemas";

export interface AssessmentMapContext {
  /** Recommendation metadata by assessment name, lower-cased (used when the record has none inline). */
  metadata: ReadonlyMap<string, AssessmentMetadataProperties>;
  /** Stands in for times a record lacks. */
  observedAt: Date;
}

const STATE: Record<string, NormalizedFinding["state"]> = { unhealthy: "open", healthy: "resolved", notapplicable: "dismissed" };

export function mapAssessment(raw: unknown, context: AssessmentMapContext): MapResult {
  const parsed = AssessmentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const assessment = parsed.data;
  const { properties } = assessment;
  const warnings: string[] = [];
  const metadata = properties.metadata ?? context.metadata.get(assessment.name.toLowerCase()) ?? null;
  if (!metadata) warnings.push(`no metadata for recommendation ${assessment.name}`);
  const code = properties.status.code;
  const state = orFallback(STATE[code.toLowerCase()], "open", "assessment status", code, warnings);
  const severity = orFallback(severityOf(metadata?.severity), "medium", "severity", metadata?.severity ?? "(no metadata)", warnings);
  const resourceId = properties.resourceDetails?.id ?? properties.resourceDetails?.Id ?? parentResourceId(assessment.id);
  const resourceSource = properties.resourceDetails?.source ?? properties.resourceDetails?.Source ?? null;
  const title = properties.displayName ?? metadata?.displayName ?? assessment.name;
  const statusChanged = properties.status.statusChangeDate ? new Date(properties.status.statusChangeDate) : null;
  const firstEvaluated = properties.status.firstEvaluationDate ?? properties.status.statusChangeDate;
  const closedAt = statusChanged;
  const notApplicable = state === "dismissed";
  return {
    ok: true,
    warnings,
    finding: {
      source: "defender",
      sourceId: armKey(assessment.id),
      kind: "cloud_recommendation",
      repositorySourceId: null,
      cloudResourceId: resourceId,
      ruleId: assessment.name,
      ruleName: metadata?.displayName ?? properties.displayName ?? null,
      title,
      severity,
      sourceSeverity: metadata?.severity ?? null,
      state,
      stage: stageOf({ categories: metadata?.categories, resourceType: parseResourceId(resourceId)?.type, resourceSource, title }),
      fingerprint: fingerprint({ kind: "cloud_recommendation", subject: resourceId, ruleId: assessment.name.toLowerCase(), location: "" }),
      locationPath: null,
      locationLine: null,
      details: {
        status: code,
        cause: properties.status.cause ?? null,
        statusDescription: properties.status.description ?? null,
        scored: !notApplicable,
        resourceSource,
        categories: metadata?.categories ?? [],
        description: metadata?.description ?? null,
        remediation: metadata?.remediationDescription ?? null,
        userImpact: metadata?.userImpact ?? null,
        implementationEffort: metadata?.implementationEffort ?? null,
        threats: metadata?.threats ?? [],
        additionalData: properties.additionalData ?? null,
      },
      url: properties.links?.azurePortalUri ?? null,
      cveId: null,
      cvssScore: null,
      sourceCreatedAt: timeOr(firstEvaluated, context.observedAt, "evaluation date", warnings),
      sourceUpdatedAt: statusChanged,
      fixedAt: null,
      dismissedAt: notApplicable ? closedAt : null,
      dismissedReason: notApplicable ? `not_applicable: ${properties.status.cause || "unspecified"}` : null,
      dismissedBy: null,
      resolvedAt: state === "resolved" ? closedAt : null,
    },
  };
}
