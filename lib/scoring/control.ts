// What a catalog control is: metadata the pages and reports show, and a pure rule from a
// repository's evidence to a result. Rules never read the database; lib/scoring/evidence.ts
// gathers everything they need in a few set-based queries.
import type { RepositoryEvidence } from "./evidence";

export const CONTROL_STAGES = ["pre_commit", "ci", "cd", "operate"] as const;
export type ControlStage = (typeof CONTROL_STAGES)[number];
export type ControlStatus = "pass" | "fail" | "partial" | "unknown";

/** Where the evidence a control reads comes from (shown next to each result). */
export type EvidenceSource =
  | "repository-settings"
  | "branch-policies"
  | "findings:secret"
  | "findings:code"
  | "findings:dependency"
  | "findings:iac"
  | "findings:container"
  | "defender:devops"
  | "defender:recommendations"
  | "defender:alerts"
  | "defender:secure-score"
  | "azure-devops:audit-log"
  | "findings:all";

export interface ControlMappings {
  /** NIST SP 800-218 (SSDF) task ids. */
  ssdf: string[];
  /** OpenSSF Scorecard check names. */
  scorecard: string[];
  /** OWASP DSOMM activity names. */
  dsomm: string[];
}

/** The outcome of one rule on one repository: `evidence` says what decided it. */
export interface ControlOutcome {
  status: ControlStatus;
  /** 1 pass, 0 fail, in between for partial; null when unknown (left out of scores). */
  score: number | null;
  evidence: Record<string, unknown>;
}

export interface Control {
  id: string;
  title: string;
  stage: ControlStage;
  evidenceSource: EvidenceSource;
  /** Relative importance within a stage score (1 low … 4 high). */
  weight: number;
  /** What "pass" means, in one sentence, for the control's detail view. */
  rule: string;
  remediation: string;
  mappings: ControlMappings;
  evaluate(evidence: RepositoryEvidence): ControlOutcome;
}

export const pass = (evidence: Record<string, unknown>): ControlOutcome => ({ status: "pass", score: 1, evidence });
export const fail = (evidence: Record<string, unknown>): ControlOutcome => ({ status: "fail", score: 0, evidence });
/** A partial result; a score of 1 or 0 is reported as pass or fail so statuses and scores agree. */
export function partial(score: number, evidence: Record<string, unknown>): ControlOutcome {
  const rounded = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
  if (rounded >= 1) return pass(evidence);
  if (rounded <= 0) return fail(evidence);
  return { status: "partial", score: rounded, evidence };
}
/** Missing evidence: never a silent pass. `reason` tells the reader what Rampart could not see. */
export const unknown = (reason: string, evidence: Record<string, unknown> = {}): ControlOutcome => ({ status: "unknown", score: null, evidence: { reason, ...evidence } });

/** Passes or fails on one boolean setting; null or absent is unknown. */
export function settingIsOn(value: boolean | null, what: string, unknownReason: string): ControlOutcome {
  if (value === null) return unknown(unknownReason);
  return value ? pass({ [what]: true }) : fail({ [what]: false });
}
