// Open findings summarized the way reports show them: severity × stage, split by SLA status.
import { SEVERITIES, STAGES } from "./model";
import type { FindingRow, OpenFindingsCell, SlaStatus } from "./model";

const DAY_MS = 86_400_000;
/** How close to the due date counts as "due soon". */
export const DUE_SOON_MS = 7 * DAY_MS;

/** Where an open finding stands against its due date at `asOf` (due soon: within DUE_SOON_MS). */
export function slaStatus(dueAt: string | null, asOf: string): SlaStatus {
  if (!dueAt) return "within";
  const left = Date.parse(dueAt) - Date.parse(asOf);
  return left < 0 ? "breached" : left <= DUE_SOON_MS ? "due_soon" : "within";
}

/** Sums open findings into the severity × stage grid with SLA status. */
export function summarizeOpenFindings(findings: readonly FindingRow[], asOf: string): OpenFindingsCell[] {
  const cells = SEVERITIES.flatMap((severity) => STAGES.map((stage) => ({ severity, stage, open: 0, within: 0, dueSoon: 0, breached: 0 })));
  for (const f of findings) {
    if (f.state !== "open") continue;
    const cell = cells.find((c) => c.severity === f.severity && c.stage === f.stage)!;
    cell.open += 1;
    const s = slaStatus(f.dueAt, asOf);
    if (s === "breached") cell.breached += 1;
    else if (s === "due_soon") cell.dueSoon += 1;
    else cell.within += 1;
  }
  return cells;
}
