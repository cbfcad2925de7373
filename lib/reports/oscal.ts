// OSCAL 1.1 documents (JSON) from posture reports: assessment-results for posture reports and
// evidence packs, plan-of-action-and-milestones for open findings. Identifiers are name-based
// UUIDs and every timestamp comes from the report, so rendering the same report twice gives the
// same bytes.
import type { Framework, PostureReport } from "./model";
import { buildAssessmentResults } from "./oscal-assessment-results";
import { buildPoam } from "./oscal-poam";

export { buildAssessmentResults } from "./oscal-assessment-results";
export { buildPoam } from "./oscal-poam";
export { OSCAL_VERSION } from "./oscal-common";

/** OSCAL assessment-results JSON text; with `framework`, reviewed controls are that framework's requirements. */
export function renderOscalAssessmentResults(report: PostureReport, options: { framework?: Framework } = {}): string {
  return `${JSON.stringify(buildAssessmentResults(report, options), null, 2)}\n`;
}

/** OSCAL plan-of-action-and-milestones JSON text for the report's open findings (needs `report.findings`). */
export function renderOscalPoam(report: PostureReport): string {
  return `${JSON.stringify(buildPoam(report), null, 2)}\n`;
}
