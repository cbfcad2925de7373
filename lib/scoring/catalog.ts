// The control catalog: every control Rampart scores, with its stage, weight, rule, fix and
// mappings to NIST SSDF tasks, OpenSSF Scorecard checks and OWASP DSOMM activities. Bump
// CATALOG_VERSION whenever a rule, weight or control changes: results record the version
// they were evaluated under, so history stays explainable.
import type { Control, ControlStage } from "./control";
import { CD_CONTROLS } from "./controls/cd";
import { CI_CONTROLS } from "./controls/ci";
import { OPERATE_CONTROLS } from "./controls/operate";
import { PRE_COMMIT_CONTROLS } from "./controls/pre-commit";

export const CATALOG_VERSION = "2026.11.1";

export const CONTROLS: readonly Control[] = [...PRE_COMMIT_CONTROLS, ...CI_CONTROLS, ...CD_CONTROLS, ...OPERATE_CONTROLS];

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

export function controlById(id: string): Control | undefined {
  return BY_ID.get(id);
}

export const controlsOfStage = (stage: ControlStage): Control[] => CONTROLS.filter((c) => c.stage === stage);

/** The catalog without its rule functions: what pages, reports and OSCAL exports list. */
export type ControlMetadata = Omit<Control, "evaluate">;

export function catalogMetadata(): ControlMetadata[] {
  return CONTROLS.map(({ evaluate: _evaluate, ...metadata }) => metadata);
}
