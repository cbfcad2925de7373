// Offline import of Defender for Cloud responses: assessments (with the recommendation
// catalog's metadata when the same file carries it, or inline $expand=metadata),
// sub-assessments, alerts, secure scores and controls, and DevOps inventory repositories. Each
// record's `type` (else its id) says what it is.
import type pg from "pg";
import { parseResourceId } from "../../sources/defender/arm-id";
import { mapAlert } from "../../sources/defender/map-alert";
import { mapAssessment } from "../../sources/defender/map-assessment";
import { mapDevOpsRepo, type DevOpsRepoRecord } from "../../sources/defender/map-devops";
import { mapSecureScore, mapSecureScoreControl, type SecureScoreRow } from "../../sources/defender/map-secure-score";
import { mapSubAssessment } from "../../sources/defender/map-sub-assessment";
import { armReference } from "../../sources/defender/normalize";
import { AssessmentMetadataSchema, type AssessmentMetadataProperties } from "../../sources/defender/schemas";
import type { MapResult } from "../../sources/github/map-result";
import { writeDevOpsInventory } from "../defender/write-cloud-resources";
import { writeSecureScores } from "../defender/write-secure-scores";
import type { NormalizedFinding } from "../normalized-finding";
import { findingLine, writeFindings } from "./import-findings";
import { recordsOf, type ImportLine, type SourceImporter, type Unmapped } from "./import-source";

type RecordKind = "metadata" | "assessment" | "sub-assessment" | "alert" | "secure-score" | "secure-score-control" | "devops" | "unknown";

function kindOf(record: unknown): RecordKind {
  const { type, id } = (record ?? {}) as { type?: unknown; id?: unknown };
  const t = typeof type === "string" ? type.toLowerCase() : "";
  const i = typeof id === "string" ? id.toLowerCase() : "";
  if (t === "microsoft.security/assessmentmetadata" || /\/assessmentmetadata\/[^/]+$/.test(i)) return "metadata";
  if (t === "microsoft.security/assessments/subassessments" || /\/subassessments\/[^/]+$/.test(i)) return "sub-assessment";
  if (t === "microsoft.security/assessments" || /\/providers\/microsoft\.security\/assessments\/[^/]+$/.test(i)) return "assessment";
  if (t === "microsoft.security/locations/alerts" || /\/locations\/[^/]+\/alerts\/[^/]+$/.test(i)) return "alert";
  if (t === "microsoft.security/securescores/securescorecontrols" || /\/securescorecontrols\/[^/]+$/.test(i)) return "secure-score-control";
  if (t === "microsoft.security/securescores" || /\/securescores\/[^/]+$/.test(i)) return "secure-score";
  if (t.startsWith("microsoft.security/securityconnectors/devops")) return "devops";
  return "unknown";
}

/** Subscription of a score record, from its id. */
const subscriptionOf = (raw: unknown) => parseResourceId(String((raw as { id?: unknown }).id ?? ""))?.subscriptionId ?? null;

export const importDefender: SourceImporter = (payload, { observedAt }) => {
  const { records, notes } = recordsOf(payload);
  const kinds = records.map(kindOf);
  // The catalog first, so assessments in the same file get their severity and category from it.
  const metadata = new Map<string, AssessmentMetadataProperties>();
  const lines: ImportLine[] = [];
  const unmapped: Unmapped[] = [];
  const findings: NormalizedFinding[] = [];
  const scores = new Map<string, SecureScoreRow[]>();
  const repos: DevOpsRepoRecord[] = [];
  records.forEach((record, i) => {
    if (kinds[i] !== "metadata") return;
    const parsed = AssessmentMetadataSchema.safeParse(record);
    if (parsed.success) metadata.set(parsed.data.name.toLowerCase(), parsed.data.properties);
    else unmapped.push({ reference: armReference(record), reason: "assessment metadata that does not parse" });
  });
  if (metadata.size) notes.push(`${metadata.size} recommendation metadata entries used for severity and stage`);

  const takeFinding = (result: MapResult) => {
    if (!result.ok) return unmapped.push({ reference: result.reference, reason: result.error });
    findings.push(result.finding);
    lines.push(findingLine(result.finding, result.warnings));
  };
  records.forEach((record, i) => {
    switch (kinds[i]) {
      case "metadata":
        return;
      case "assessment":
        return takeFinding(mapAssessment(record, { metadata, observedAt }));
      case "sub-assessment":
        return takeFinding(mapSubAssessment(record, { observedAt }));
      case "alert":
        return takeFinding(mapAlert(record, { observedAt }));
      case "secure-score":
      case "secure-score-control": {
        const result = kinds[i] === "secure-score" ? mapSecureScore(record) : mapSecureScoreControl(record);
        const subscriptionId = subscriptionOf(record);
        if (!result.ok) return unmapped.push({ reference: result.reference, reason: result.error });
        if (!subscriptionId) return unmapped.push({ reference: armReference(record), reason: "a secure score without a subscription id" });
        scores.set(subscriptionId, [...(scores.get(subscriptionId) ?? []), result.row]);
        return lines.push({ source: "defender", kind: "secure_score", sourceId: `${subscriptionId}:${result.row.scoreName}`, severity: null, state: null, ...result.row });
      }
      case "devops": {
        const result = mapDevOpsRepo(record);
        if (!result.ok) return unmapped.push({ reference: result.reference, reason: result.error });
        repos.push(result.value);
        return lines.push({ source: "defender", kind: "devops_repository", sourceId: result.value.resourceId, severity: null, state: null, platform: result.value.platform, fullName: result.value.fullName });
      }
      default:
        return unmapped.push({ reference: armReference(record), reason: "not a Defender for Cloud record this import knows (assessment, sub-assessment, alert, secure score, DevOps repository)" });
    }
  });

  return {
    lines,
    unmapped,
    notes,
    async write(db: pg.ClientBase, context) {
      const written = await writeFindings(db, findings, context);
      for (const [subscriptionId, rows] of scores) written.created += await writeSecureScores(db, subscriptionId, rows, context.observedAt);
      if (repos.length && !context.connectionId) throw new Error("Importing a DevOps inventory needs --connection (the rows belong to a Defender connection)");
      const bySubscription = new Map<string, DevOpsRepoRecord[]>();
      for (const repo of repos) bySubscription.set(repo.subscriptionId, [...(bySubscription.get(repo.subscriptionId) ?? []), repo]);
      for (const [subscriptionId, subscriptionRepos] of bySubscription) {
        written.updated += (await writeDevOpsInventory(db, { connectionId: context.connectionId!, subscriptionId, connectors: [], repos: subscriptionRepos, complete: false })).changed;
      }
      return written;
    },
  };
};
