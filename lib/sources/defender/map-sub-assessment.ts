// Defender sub-assessment (one vulnerability behind a vulnerability recommendation) → Finding.
// Kind: image vulnerabilities (assessedResourceType *Container*) are `container` findings;
// server and SQL vulnerability findings stay `cloud_recommendation` — they are patch and
// configuration posture of a running workload, not of an artifact. Stage follows the
// recommendation rule in normalize.ts: an image in a registry is CD, anything running is
// operate. Status as for assessments: Unhealthy → open, Healthy → resolved, NotApplicable →
// dismissed (not scored).
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { describeIssues, orFallback, type MapResult } from "../github/map-result";
import { armKey, parentResourceId, parseResourceId } from "./arm-id";
import { armReference, severityOf, stageOf, timeOr } from "./normalize";
import { SubAssessmentSchema } from "./schemas";

const STATE: Record<string, NormalizedFinding["state"]> = { unhealthy: "open", healthy: "resolved", notapplicable: "dismissed" };
const CVE = /^CVE-\d{4}-\d+$/i;

/** The recommendation (assessment name) a sub-assessment id belongs to. */
function assessmentNameOf(id: string): string | null {
  return /\/assessments\/([^/]+)\/subassessments\//i.exec(id)?.[1] ?? null;
}

export function mapSubAssessment(raw: unknown, context: { observedAt: Date }): MapResult {
  const parsed = SubAssessmentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const sub = parsed.data;
  const { properties } = sub;
  const data = properties.additionalData ?? null;
  const warnings: string[] = [];
  const resourceId = parentResourceId(sub.id);
  const resourceType = parseResourceId(resourceId)?.type ?? null;
  const isImage = /container/i.test(data?.assessedResourceType ?? "");
  const kind: NormalizedFinding["kind"] = isImage ? "container" : "cloud_recommendation";
  const state = orFallback(STATE[properties.status.code.toLowerCase()], "open", "sub-assessment status", properties.status.code, warnings);
  const severity = orFallback(severityOf(properties.status.severity), "medium", "severity", properties.status.severity ?? "(none)", warnings);
  const cveId = data?.cve?.map((c) => c.title ?? "").find((t) => CVE.test(t))?.toUpperCase() ?? null;
  const cvss = data?.cvss ? (data.cvss["3.0"]?.base ?? data.cvss["3.1"]?.base ?? data.cvss["2.0"]?.base ?? null) : null;
  const ruleId = properties.id || cveId || sub.name;
  const generated = properties.timeGenerated ? new Date(properties.timeGenerated) : null;
  const image = isImage ? [data?.repositoryName, data?.imageDigest].filter(Boolean).join("@") || null : null;
  const assessmentName = assessmentNameOf(sub.id);
  return {
    ok: true,
    warnings,
    finding: {
      source: "defender",
      sourceId: armKey(sub.id),
      kind,
      repositorySourceId: null,
      cloudResourceId: resourceId,
      ruleId,
      ruleName: properties.displayName ?? null,
      title: properties.displayName ?? cveId ?? ruleId,
      severity,
      sourceSeverity: properties.status.severity ?? null,
      state,
      stage: stageOf({ resourceType, categories: properties.category ? [properties.category] : [] }),
      fingerprint: fingerprint({ kind, subject: resourceId, ruleId: `${assessmentName ?? ""}/${ruleId}`, location: image ?? "" }),
      locationPath: image,
      locationLine: null,
      details: {
        status: properties.status.code,
        cause: properties.status.cause || null,
        assessment: assessmentName,
        assessedResourceType: data?.assessedResourceType ?? null,
        category: properties.category ?? null,
        description: properties.description ?? null,
        remediation: properties.remediation ?? null,
        impact: properties.impact ?? null,
        patchable: data?.patchable ?? null,
        cves: (data?.cve ?? []).map((c) => c.title).filter(Boolean),
        scored: state !== "dismissed",
        additionalData: data,
      },
      url: data?.cve?.[0]?.link ?? null,
      cveId,
      cvssScore: cvss !== null && cvss >= 0 && cvss <= 10 ? cvss : null,
      sourceCreatedAt: timeOr(properties.timeGenerated, context.observedAt, "timeGenerated", warnings),
      sourceUpdatedAt: generated,
      fixedAt: null,
      dismissedAt: state === "dismissed" ? generated : null,
      dismissedReason: state === "dismissed" ? `not_applicable: ${properties.status.cause || "unspecified"}` : null,
      dismissedBy: null,
      resolvedAt: state === "resolved" ? generated : null,
    },
  };
}
