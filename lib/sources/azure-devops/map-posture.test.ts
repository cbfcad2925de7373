// The pure posture mappers on hand-written payloads: which policies protect a default branch,
// how ACL inheritance decides bypass and team permissions, and environment evidence.
import { describe, expect, it } from "vitest";
import { mapBranchPolicies, POLICY_TYPE } from "./map-branch-policies";
import { effectiveGitPermissions, GIT_PERMISSION as P, groupDirectory, mapBypass, teamPermissionOf } from "./map-git-permissions";
import { mapEnvironment } from "./map-inventory";
import type { AccessControlListPayload, PolicyConfigurationPayload } from "./inventory-schemas";

const REPO = "11111111-1111-4111-8111-111111111111";
const PROJECT = "22222222-2222-4222-8222-222222222222";
const MAIN = "refs/heads/main";

function policy(id: number, type: string, settings: Record<string, unknown>, scope: Record<string, unknown> = { refName: MAIN, matchKind: "Exact", repositoryId: REPO }, state = { isEnabled: true, isBlocking: true }): PolicyConfigurationPayload {
  return { id, ...state, type: { id: type, displayName: type }, settings: { scope: [scope], ...settings } };
}

describe("mapBranchPolicies", () => {
  it("takes the strictest enabled, blocking minimum-reviewers policy that covers the default branch", () => {
    const evidence = mapBranchPolicies(
      [
        policy(1, POLICY_TYPE.minimumReviewers, { minimumApproverCount: 1, creatorVoteCounts: true, resetOnSourcePush: false }, { refName: MAIN, matchKind: "Exact", repositoryId: null }),
        policy(2, POLICY_TYPE.minimumReviewers, { minimumApproverCount: 2, creatorVoteCounts: false, resetOnSourcePush: true }),
        policy(3, POLICY_TYPE.minimumReviewers, { minimumApproverCount: 4 }, undefined, { isEnabled: true, isBlocking: false }),
        policy(4, POLICY_TYPE.minimumReviewers, { minimumApproverCount: 5 }, { refName: "refs/heads/release/", matchKind: "Prefix", repositoryId: REPO }),
        policy(5, POLICY_TYPE.minimumReviewers, { minimumApproverCount: 6 }, { refName: MAIN, matchKind: "Exact", repositoryId: "someone-else" }),
      ],
      REPO,
      MAIN,
    );
    expect(evidence).toMatchObject({ minimumReviewers: 2, creatorVoteCounts: false, resetOnPush: true, optionalPolicies: [POLICY_TYPE.minimumReviewers] });
  });

  it("reads build validation, required reviewers, comment and work-item policies; prefix and default-branch scopes count", () => {
    const evidence = mapBranchPolicies(
      [
        policy(1, POLICY_TYPE.build, { buildDefinitionId: 12, manualQueueOnly: false }, { refName: "refs/heads/", matchKind: "Prefix", repositoryId: REPO }),
        policy(2, POLICY_TYPE.requiredReviewers, { requiredReviewerIds: ["g1"], minimumApproverCount: 1, filenamePatterns: ["/infra/*"] }),
        policy(3, POLICY_TYPE.commentRequirements, {}, { matchKind: "DefaultBranch", repositoryId: null }),
        policy(4, POLICY_TYPE.workItemLinking, {}, undefined, { isEnabled: false, isBlocking: true }),
      ],
      REPO,
      MAIN,
    );
    expect(evidence).toEqual({
      minimumReviewers: 0,
      creatorVoteCounts: null,
      resetOnPush: null,
      requiredReviewers: [{ reviewerIds: ["g1"], minimumApproverCount: 1, pathFilters: ["/infra/*"] }],
      buildValidation: [{ buildDefinitionId: 12, displayName: null, manualQueueOnly: false }],
      commentResolution: true,
      workItemLinking: false,
      optionalPolicies: [],
    });
  });

  it("an empty repository (no default branch) has no protection", () => {
    expect(mapBranchPolicies([policy(1, POLICY_TYPE.build, { buildDefinitionId: 1 })], REPO, null)).toMatchObject({ buildValidation: [], minimumReviewers: 0 });
  });
});

describe("Git permissions", () => {
  const sid = (n: number) => `S-1-9-1551374245-${n}`;
  const descriptor = (n: number) => `Microsoft.TeamFoundation.Identity;${sid(n)}`;
  const ace = (n: number, allow: number, deny = 0) => [descriptor(n), { descriptor: descriptor(n), allow, deny }] as const;
  const acls: AccessControlListPayload[] = [
    { token: `repoV2/${PROJECT}`, inheritPermissions: true, acesDictionary: Object.fromEntries([ace(1, P.Administer | P.PullRequestBypassPolicy), ace(2, P.GenericRead | P.GenericContribute)]) },
    { token: `repoV2/${PROJECT}/${REPO}`, inheritPermissions: true, acesDictionary: Object.fromEntries([ace(1, 0, P.PullRequestBypassPolicy), ace(2, P.PolicyExempt)]) },
  ];
  const directory = groupDirectory([
    { descriptor: `vssgp.${Buffer.from(sid(1)).toString("base64url")}`, displayName: "Project Administrators", principalName: "[Fabrikam]\\Project Administrators", origin: "vsts" },
    { descriptor: `vssgp.${Buffer.from(sid(2)).toString("base64url")}`, displayName: "Contributors", principalName: "[Fabrikam]\\Contributors", origin: "vsts" },
  ]);

  it("the repository's explicit setting beats the project's, bit by bit", () => {
    const effective = effectiveGitPermissions(acls, PROJECT, REPO);
    expect(effective.get(descriptor(1))).toBe(P.Administer);
    expect(effective.get(descriptor(2))).toBe(P.GenericRead | P.GenericContribute | P.PolicyExempt);
    expect(mapBypass(effective, directory)).toEqual({
      policyBypassGroups: [{ descriptor: expect.stringMatching(/^vssgp\./), name: "[Fabrikam]\\Contributors", onPush: true, onPullRequest: false }],
      contributorsCanBypass: true,
    });
  });

  it("an ACL that does not inherit stops the climb", () => {
    const closed = [acls[0]!, { ...acls[1]!, inheritPermissions: false }];
    expect(effectiveGitPermissions(closed, PROJECT, REPO).get(descriptor(2))).toBe(P.PolicyExempt);
  });

  it("maps permission bits to GitHub's permission names", () => {
    expect([P.Administer, P.EditPolicies | P.GenericRead, P.GenericContribute, P.GenericRead, P.PolicyExempt].map(teamPermissionOf)).toEqual(["admin", "maintain", "push", "pull", null]);
  });
});

describe("mapEnvironment", () => {
  it("lists approvals with their approvers and every check by type and name", () => {
    expect(
      mapEnvironment({
        id: 3,
        name: "production",
        deployedBy: [10],
        checks: [
          { id: 2, type: { id: "t", name: "Task Check" }, settings: { definitionRef: { name: "evaluatebranchProtection" } } },
          { id: 1, type: { id: "a", name: "Approval" }, settings: { approvers: [{ displayName: "b" }, { displayName: "a" }], minRequiredApprovers: 1, requesterCannotBeApprover: true } },
        ],
      }),
    ).toEqual({
      id: 3,
      name: "production",
      approvals: [{ approvers: ["a", "b"], minRequiredApprovers: 1, requesterCannotBeApprover: true }],
      checks: [{ type: "Approval", name: "Approval" }, { type: "Task Check", name: "evaluatebranchProtection" }],
    });
  });
});
