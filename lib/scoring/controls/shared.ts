// Evidence helpers the rules of several stages share.
import { fail, pass, unknown, type ControlOutcome } from "../control";
import type { FindingBucket, RepositoryEvidence, Severity } from "../evidence";
import { branchPosture, type BranchPosture } from "../repository-posture";

export const sum = (counts: Record<Severity, number>, severities: readonly Severity[]): number => severities.reduce((n, s) => n + counts[s], 0);

export const NO_BRANCH_EVIDENCE = "no branch protection evidence synced for this repository (GitHub branch protection/rulesets, or settings.ado.branchPolicies for Azure DevOps)";

/** Runs `rule` on the default branch's protection, or answers unknown without it. */
export function withBranch(e: RepositoryEvidence, rule: (branch: BranchPosture) => ControlOutcome): ControlOutcome {
  const branch = branchPosture(e.repository.platform, e.settings, e.repository.defaultBranch);
  if (!branch) return unknown(NO_BRANCH_EVIDENCE);
  return rule(branch);
}

/** The evidence shared by every branch rule: which branch, and which rules/policies protect it. */
export const branchEvidence = (e: RepositoryEvidence, branch: BranchPosture) => ({ defaultBranch: e.repository.defaultBranch, protectedBy: branch.basis });

/**
 * "No open findings of these severities beyond their SLA" on one kind of finding. `reporting`
 * says whether the tool is known to report on the repository: without it and without any
 * finding ever seen, zero open findings proves nothing, so the answer is unknown.
 */
export function noneBeyondSla(bucket: FindingBucket, severities: readonly Severity[], reporting: boolean | null, tool: string): ControlOutcome {
  if (bucket.total === 0 && reporting !== true) return unknown(`${tool} has reported nothing for this repository${reporting === false ? " (it is switched off)" : ""}`);
  const beyond = sum(bucket.openBeyondSla, severities);
  const open = sum(bucket.open, severities);
  const evidence = { severities, open, openBeyondSla: beyond, findingIds: beyond ? bucket.beyondSlaIds : [] };
  return beyond === 0 ? pass(evidence) : fail(evidence);
}
