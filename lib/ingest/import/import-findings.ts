// Shared by the importers whose records are findings: a finding's JSON line, and the write
// path the sync uses (cloud resources first, then the set-based reconcile).
import type pg from "pg";
import { upsertCloudResources } from "../defender/write-cloud-resources";
import type { NormalizedFinding } from "../normalized-finding";
import { reconcileFindings } from "../reconcile-findings";
import type { ImportLine, ImportWriteContext } from "./import-source";

export function findingLine(finding: NormalizedFinding, warnings: string[]): ImportLine {
  return {
    source: finding.source,
    kind: finding.kind,
    sourceId: finding.sourceId,
    severity: finding.severity,
    state: finding.state,
    stage: finding.stage,
    ruleId: finding.ruleId,
    title: finding.title,
    repositorySourceId: finding.repositorySourceId,
    cloudResourceId: finding.cloudResourceId,
    sourceCreatedAt: finding.sourceCreatedAt.toISOString(),
    sourceUpdatedAt: finding.sourceUpdatedAt?.toISOString() ?? null,
    ...(warnings.length ? { warnings } : {}),
  };
}

export async function writeFindings(db: pg.ClientBase, findings: NormalizedFinding[], context: ImportWriteContext): Promise<{ created: number; updated: number }> {
  await upsertCloudResources(db, context.connectionId, findings.flatMap((f) => (f.cloudResourceId ? [f.cloudResourceId] : [])));
  const result = await reconcileFindings(db, findings, { connectionId: context.connectionId, organizationId: null, syncRunId: null, observedAt: context.observedAt });
  return { created: result.created, updated: result.updated };
}
