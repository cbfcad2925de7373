// The contract between a source's pure mapper and the reconcile step: one normalized finding,
// exactly as it will be stored. Mappers produce these; only lib/ingest writes them.
import { z } from "zod";

export const SOURCES = ["github", "defender", "azure_devops", "azure_policy"] as const;
export const FINDING_KINDS = ["code", "secret", "dependency", "iac", "container", "cloud_recommendation", "cloud_alert", "policy"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const FINDING_STATES = ["open", "fixed", "dismissed", "resolved"] as const;
export const STAGES = ["pre_commit", "ci", "cd", "operate"] as const;

export const NormalizedFindingSchema = z.object({
  source: z.enum(SOURCES),
  /** The source's identity of the alert, stable across syncs (the reconcile key with source). */
  sourceId: z.string().min(1).max(1000),
  kind: z.enum(FINDING_KINDS),
  /** Source id of the repository it belongs to (e.g. GitHub repository database id), if any. */
  repositorySourceId: z.string().min(1).nullable(),
  /** Full ARM id of the cloud resource it belongs to, if any. */
  cloudResourceId: z.string().min(1).nullable(),
  ruleId: z.string().min(1).max(500),
  ruleName: z.string().max(1000).nullable(),
  title: z.string().min(1).max(2000),
  severity: z.enum(SEVERITIES),
  sourceSeverity: z.string().max(100).nullable(),
  state: z.enum(FINDING_STATES),
  stage: z.enum(STAGES),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  locationPath: z.string().max(2000).nullable(),
  locationLine: z.number().int().min(0).nullable(),
  details: z.record(z.string(), z.unknown()),
  url: z.string().max(2000).nullable(),
  cveId: z.string().max(100).nullable(),
  cvssScore: z.number().min(0).max(10).nullable(),
  sourceCreatedAt: z.date(),
  sourceUpdatedAt: z.date().nullable(),
  fixedAt: z.date().nullable(),
  dismissedAt: z.date().nullable(),
  dismissedReason: z.string().max(1000).nullable(),
  dismissedBy: z.string().max(200).nullable(),
  resolvedAt: z.date().nullable(),
});

export type NormalizedFinding = z.infer<typeof NormalizedFindingSchema>;

/** When the finding reached its current closed state, per the source; null while open. */
export function closedAt(finding: Pick<NormalizedFinding, "state" | "fixedAt" | "dismissedAt" | "resolvedAt" | "sourceUpdatedAt">): Date | null {
  switch (finding.state) {
    case "open":
      return null;
    case "fixed":
      return finding.fixedAt ?? finding.sourceUpdatedAt;
    case "dismissed":
      return finding.dismissedAt ?? finding.sourceUpdatedAt;
    case "resolved":
      return finding.resolvedAt ?? finding.sourceUpdatedAt;
  }
}
