// Branch policy configurations → the evidence of what protects one repository's default branch.
// A policy counts when it is enabled, blocking (an optional policy does not stop a merge), not
// deleted, and one of its scopes covers the repository (or every repository: repositoryId null)
// and the branch (exact ref, ref prefix, "DefaultBranch", or no ref = every branch).
import type { PolicyConfigurationPayload } from "./inventory-schemas";

export const POLICY_TYPE = {
  minimumReviewers: "fa4e907d-c16b-4a4c-9dfa-4906e5d171dd",
  requiredReviewers: "fd2167ab-b0be-447a-8ec8-39368250530e",
  build: "0609b952-1397-4640-95ec-e00a01b2c241",
  commentRequirements: "c6a1889d-b943-4856-b76f-9e46bb6b0df2",
  workItemLinking: "40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e",
} as const;

export interface BranchPolicyEvidence {
  /** Approvals the strictest minimum-reviewers policy asks for; 0 without one. */
  minimumReviewers: number;
  /** Of that policy: may the author's own vote count? null without one. */
  creatorVoteCounts: boolean | null;
  /** Of that policy: are votes reset when new commits are pushed? null without one. */
  resetOnPush: boolean | null;
  requiredReviewers: { reviewerIds: string[]; minimumApproverCount: number; pathFilters: string[] | null }[];
  buildValidation: { buildDefinitionId: number; displayName: string | null; manualQueueOnly: boolean }[];
  commentResolution: boolean;
  workItemLinking: boolean;
  /** Type names of enabled policies that are optional (not blocking): they inform, never enforce. */
  optionalPolicies: string[];
}

function scopeCovers(policy: PolicyConfigurationPayload, repositoryId: string, branchRef: string): boolean {
  const scopes = policy.settings.scope;
  if (!scopes || scopes.length === 0) return true;
  const branch = branchRef.toLowerCase();
  return scopes.some((scope) => {
    if (scope.repositoryId && scope.repositoryId.toLowerCase() !== repositoryId.toLowerCase()) return false;
    const matchKind = (scope.matchKind ?? "exact").toLowerCase();
    if (matchKind === "defaultbranch") return true;
    if (!scope.refName) return true;
    const ref = scope.refName.toLowerCase();
    return matchKind === "prefix" ? branch.startsWith(ref) : branch === ref;
  });
}

/** The evidence for `defaultBranch` of `repositoryId`; an empty repository (no branch) has none. */
export function mapBranchPolicies(policies: PolicyConfigurationPayload[], repositoryId: string, defaultBranch: string | null): BranchPolicyEvidence {
  const applicable = defaultBranch ? policies.filter((p) => p.isEnabled && !p.isDeleted && scopeCovers(p, repositoryId, defaultBranch)) : [];
  const blocking = applicable.filter((p) => p.isBlocking).sort((a, b) => a.id - b.id);
  const ofType = (type: string) => blocking.filter((p) => p.type.id.toLowerCase() === type);
  const strictest = ofType(POLICY_TYPE.minimumReviewers).reduce<PolicyConfigurationPayload | null>(
    (best, p) => ((p.settings.minimumApproverCount ?? 0) > (best?.settings.minimumApproverCount ?? -1) ? p : best),
    null,
  );
  return {
    minimumReviewers: strictest?.settings.minimumApproverCount ?? 0,
    creatorVoteCounts: strictest ? (strictest.settings.creatorVoteCounts ?? false) : null,
    resetOnPush: strictest ? (strictest.settings.resetOnSourcePush ?? false) : null,
    requiredReviewers: ofType(POLICY_TYPE.requiredReviewers).map((p) => ({
      reviewerIds: p.settings.requiredReviewerIds ?? [],
      minimumApproverCount: p.settings.minimumApproverCount ?? 1,
      pathFilters: p.settings.filenamePatterns ?? null,
    })),
    buildValidation: ofType(POLICY_TYPE.build).map((p) => ({
      buildDefinitionId: p.settings.buildDefinitionId ?? 0,
      displayName: p.settings.displayName ?? null,
      manualQueueOnly: p.settings.manualQueueOnly ?? false,
    })),
    commentResolution: ofType(POLICY_TYPE.commentRequirements).length > 0,
    workItemLinking: ofType(POLICY_TYPE.workItemLinking).length > 0,
    optionalPolicies: [...new Set(applicable.filter((p) => !p.isBlocking).map((p) => p.type.displayName ?? p.type.id))].sort(),
  };
}
