// A framework evidence pack is a posture report turned around: for each framework requirement,
// the controls mapped to it, their results, and the open findings behind failures.
import { frameworkRequirements } from "./frameworks";
import type { ControlReport, ControlStatus, EvidenceControl, EvidencePack, FindingRow, Framework, PostureReport } from "./model";

// Worst first. Unknown outranks pass and accepted: a requirement is not "met" on missing evidence.
const STATUS_RANK: Record<ControlStatus, number> = { fail: 4, partial: 3, unknown: 2, accepted: 1, pass: 0 };

/** The worst of several statuses; `unknown` when there are none. */
export function worstStatus(statuses: readonly ControlStatus[]): ControlStatus {
  let worst: ControlStatus | null = null;
  for (const s of statuses) if (worst === null || STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst ?? "unknown";
}

function mappedIds(control: ControlReport, framework: Framework): string[] {
  return framework === "ssdf" ? control.mappings.ssdf : control.mappings.scorecard;
}

/** Builds the SSDF or Scorecard evidence pack of a posture report. Pure; order follows the framework. */
export function buildEvidencePack(report: PostureReport, framework: Framework): EvidencePack {
  const findingsById = new Map<string, FindingRow>((report.findings ?? []).map((f) => [f.id, f]));
  const byRequirement = new Map<string, ControlReport[]>();
  for (const control of report.controls) {
    for (const id of mappedIds(control, framework)) {
      const list = byRequirement.get(id) ?? [];
      list.push(control);
      byRequirement.set(id, list);
    }
  }

  const requirements = frameworkRequirements(framework).map((req) => {
    const controls: EvidenceControl[] = (byRequirement.get(req.id) ?? []).map((c) => {
      const failing = c.status === "fail" || c.status === "partial" ? (c.failingFindingIds ?? []) : [];
      return {
        id: c.id,
        title: c.title,
        status: c.status,
        findings: failing.flatMap((id) => findingsById.get(id) ?? []),
        unresolvedFindingIds: failing.filter((id) => !findingsById.has(id)),
      };
    });
    return { id: req.id, title: req.title, group: req.group, status: worstStatus(controls.map((c) => c.status)), controls };
  });

  return {
    framework,
    scope: report.scope,
    asOf: report.asOf,
    period: report.period,
    generatedAt: report.generatedAt,
    viewer: report.viewer,
    requirements,
  };
}
