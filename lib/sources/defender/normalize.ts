// The normalization rules shared by the Defender mappers: severities, and which lifecycle
// stage a recommendation belongs to.
import type { NormalizedFinding } from "../../ingest/normalized-finding";

type Severity = NormalizedFinding["severity"];

/** Defender's severities (assessment metadata, sub-assessments, alerts) → Rampart's. */
const SEVERITY: Record<string, Severity> = { critical: "critical", high: "high", medium: "medium", low: "low", informational: "info", info: "info" };

export function severityOf(value: string | null | undefined): Severity | undefined {
  return value ? SEVERITY[value.toLowerCase()] : undefined;
}

// Stage rule. A recommendation is CD when it is about what ships rather than what runs:
//  - its categories name DevOps, IaC or container registries;
//  - the assessed resource is a container registry (images not yet deployed), a DevOps security
//    connector or one of its repositories, or the resource lives on a code platform
//    (resourceDetails.source GitHub / AzureDevOps / GitLab);
//  - its title is about code repositories, infrastructure as code or pipelines (Defender files
//    some DevOps recommendations under generic categories).
// Everything else assesses running workloads and their configuration (compute, networking,
// data, identity, IoT, running containers on a cluster): operate.
const CD_CATEGORY = /devops|\biac\b|infrastructure ?as ?code|container ?registr/i;
const CD_RESOURCE_TYPE = /^microsoft\.containerregistry\/|^microsoft\.security\/securityconnectors/i;
const CD_RESOURCE_SOURCE = /^(github|azuredevops|gitlab)$/i;
const CD_TITLE = /code repositor|infrastructure as code|\biac\b|pipeline/i;

export interface StageEvidence {
  categories?: readonly string[] | null;
  resourceType?: string | null;
  resourceSource?: string | null;
  title?: string | null;
}

export function stageOf(evidence: StageEvidence): NormalizedFinding["stage"] {
  if ((evidence.categories ?? []).some((c) => CD_CATEGORY.test(c))) return "cd";
  if (evidence.resourceType && CD_RESOURCE_TYPE.test(evidence.resourceType)) return "cd";
  if (evidence.resourceSource && CD_RESOURCE_SOURCE.test(evidence.resourceSource)) return "cd";
  if (evidence.title && CD_TITLE.test(evidence.title)) return "cd";
  return "operate";
}

/** A reference to an unparseable ARM record for the sync log: its id, else its name. */
export function armReference(raw: unknown): string {
  const record = (raw ?? {}) as { id?: unknown; name?: unknown };
  return String(record.id ?? record.name ?? "(record without id)");
}

/** A time the mapper needs but the record lacks: the observation time, with a warning. */
export function timeOr(value: string | null | undefined, fallback: Date, what: string, warnings: string[]): Date {
  if (value) return new Date(value);
  warnings.push(`no ${what}; used the time it was observed`);
  return fallback;
}
