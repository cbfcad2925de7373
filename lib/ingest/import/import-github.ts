// Offline import of GitHub Advanced Security alerts. A saved page may hold any of the three
// alert kinds; each record's shape says which: `secret_type` → secret scanning,
// `security_advisory`/`dependency` → Dependabot, `rule` + `tool` → code scanning.
import { mapCodeScanningAlert } from "../../sources/github/map-code-scanning-alert";
import { mapDependabotAlert } from "../../sources/github/map-dependabot-alert";
import { referenceOf, type MapResult } from "../../sources/github/map-result";
import { mapSecretScanningAlert } from "../../sources/github/map-secret-scanning-alert";
import type { NormalizedFinding } from "../normalized-finding";
import { findingLine, writeFindings } from "./import-findings";
import { recordsOf, type ImportLine, type SourceImporter, type Unmapped } from "./import-source";

function mapperFor(record: unknown): ((raw: unknown) => MapResult) | null {
  if (!record || typeof record !== "object") return null;
  const r = record as Record<string, unknown>;
  if ("secret_type" in r) return mapSecretScanningAlert;
  if ("security_advisory" in r || "dependency" in r) return mapDependabotAlert;
  if ("rule" in r && "tool" in r) return mapCodeScanningAlert;
  return null;
}

export const importGitHub: SourceImporter = (payload) => {
  const { records, notes } = recordsOf(payload);
  const findings: NormalizedFinding[] = [];
  const lines: ImportLine[] = [];
  const unmapped: Unmapped[] = [];
  for (const record of records) {
    const map = mapperFor(record);
    if (!map) {
      unmapped.push({ reference: referenceOf(record), reason: "not a GitHub security alert (no rule and tool, secret_type, or security_advisory)" });
      continue;
    }
    const result = map(record);
    if (!result.ok) {
      unmapped.push({ reference: result.reference, reason: result.error });
      continue;
    }
    findings.push(result.finding);
    lines.push(findingLine(result.finding, result.warnings));
  }
  return { lines, unmapped, notes, write: (db, context) => writeFindings(db, findings, context) };
};
