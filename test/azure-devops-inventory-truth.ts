// Test support: what the inventory sync should store for an ADO emulator org, derived from the
// world's own model (not read through the API): repository rows with their settings.ado
// evidence, and team → repository permissions.
import type { EmulatorContext } from "../emulators/core/context";
import { graphDescriptor } from "../emulators/azure-devops/posture";
import type { AdoOrg, AdoProject } from "../emulators/world/azure-devops";
import { GIT_PERMISSION as P, type AdoGroup, type AdoPolicy } from "../emulators/world/azure-devops-posture";

const DEFAULT_BRANCH = "refs/heads/main";
const POLICY_NAMES: Record<AdoPolicy["kind"], string> = {
  minimumReviewers: "Minimum number of reviewers",
  requiredReviewers: "Required reviewers",
  build: "Build",
  commentRequirements: "Comment requirements",
  workItemLinking: "Work item linking",
};
const CHECK_NAMES = { approval: ["Approval", "Approval"], branchControl: ["Task Check", "evaluatebranchProtection"], businessHours: ["Task Check", "evaluateBusinessHours"] } as const;

export interface ExpectedRepository {
  source_id: string;
  name: string;
  full_name: string;
  project_name: string;
  url: string;
  default_branch: string;
  visibility: string;
  archived: boolean;
  ado: Record<string, unknown>;
}

function covers(policy: AdoPolicy): boolean {
  if (policy.refName === null) return true;
  return policy.matchKind === "Prefix" ? DEFAULT_BRANCH.startsWith(policy.refName) : DEFAULT_BRANCH === policy.refName;
}

function groupName(project: AdoProject, group: AdoGroup): string {
  return group.origin === "aad" ? group.name : `[${project.name}]\\${group.name}`;
}

/** Effective allow bits per group: the repository's ACE decides a bit it sets, else the project's. */
function effectiveBits(project: AdoProject, repo: AdoProject["repos"][number]): Map<AdoGroup, number> {
  const out = new Map<AdoGroup, number>();
  for (const group of project.posture.groups) {
    const own = repo.aces.find((a) => a.sid === group.sid);
    const inherited = project.posture.projectAces.find((a) => a.sid === group.sid);
    if (!own && !inherited) continue;
    let bits = 0;
    for (let b = 0; b < 16; b++) {
      const bit = 1 << b;
      const decided = own && (own.allow | own.deny) & bit ? own : inherited;
      if (decided && !(decided.deny & bit) && decided.allow & bit) bits |= bit;
    }
    out.set(group, bits);
  }
  return out;
}

function branchPolicies(project: AdoProject, repo: AdoProject["repos"][number]) {
  const applicable = [...project.posture.projectPolicies, ...repo.policies].filter((p) => p.isEnabled && covers(p)).sort((a, b) => a.id - b.id);
  const blocking = applicable.filter((p) => p.isBlocking);
  const ofKind = (kind: AdoPolicy["kind"]) => blocking.filter((p) => p.kind === kind);
  const strictest = ofKind("minimumReviewers").reduce<AdoPolicy | null>((best, p) => (p.minimumApproverCount! > (best?.minimumApproverCount ?? -1) ? p : best), null);
  return {
    minimumReviewers: strictest?.minimumApproverCount ?? 0,
    creatorVoteCounts: strictest ? strictest.creatorVoteCounts : null,
    resetOnPush: strictest ? strictest.resetOnSourcePush : null,
    requiredReviewers: ofKind("requiredReviewers").map((p) => ({ reviewerIds: p.requiredReviewerIds, minimumApproverCount: p.minimumApproverCount, pathFilters: null })),
    buildValidation: ofKind("build").map((p) => ({ buildDefinitionId: p.buildDefinitionId, displayName: null, manualQueueOnly: false })),
    commentResolution: ofKind("commentRequirements").length > 0,
    workItemLinking: ofKind("workItemLinking").length > 0,
    optionalPolicies: [...new Set(applicable.filter((p) => !p.isBlocking).map((p) => POLICY_NAMES[p.kind]))].sort(),
  };
}

function bypass(project: AdoProject, repo: AdoProject["repos"][number]) {
  const groups = [...effectiveBits(project, repo)]
    .filter(([, bits]) => bits & (P.PolicyExempt | P.PullRequestBypassPolicy))
    .map(([group, bits]) => ({ descriptor: graphDescriptor(group), name: groupName(project, group), onPush: (bits & P.PolicyExempt) !== 0, onPullRequest: (bits & P.PullRequestBypassPolicy) !== 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { policyBypassGroups: groups, contributorsCanBypass: groups.some((g) => g.name === `[${project.name}]\\Contributors`) };
}

function environments(project: AdoProject, pipelineIds: number[]) {
  return project.posture.environments
    .filter((e) => e.deployedBy.some((id) => pipelineIds.includes(id)))
    .map((e) => ({
      id: e.id,
      name: e.name,
      approvals: e.checks
        .filter((c) => c.kind === "approval")
        .map((c) => ({ approvers: c.approvers!.map((a) => a.displayName).sort(), minRequiredApprovers: c.minRequiredApprovers, requesterCannotBeApprover: c.requesterCannotBeApprover })),
      checks: e.checks.map((c) => ({ type: CHECK_NAMES[c.kind][0], name: CHECK_NAMES[c.kind][1] })).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
    }));
}

/** Every repository of the org as the inventory sync should store it, by source id. */
export function expectedAdoRepositories(ctx: EmulatorContext, org: AdoOrg): Map<string, ExpectedRepository> {
  const out = new Map<string, ExpectedRepository>();
  for (const project of org.projects) {
    for (const repo of project.repos) {
      const pipelines = project.pipelines.filter((p) => p.repoId === repo.id);
      out.set(repo.id, {
        source_id: repo.id,
        name: repo.name,
        full_name: `${org.name}/${project.name}/${repo.name}`,
        project_name: project.name,
        url: `${ctx.urls.azureDevOps}/${org.name}/${encodeURIComponent(project.name)}/_git/${repo.name}`,
        default_branch: repo.defaultBranch.replace(/^refs\/heads\//, ""),
        visibility: "private",
        archived: false,
        ado: {
          projectId: project.id,
          defaultBranchRef: repo.defaultBranch,
          isDisabled: false,
          branchPolicies: branchPolicies(project, repo),
          bypass: bypass(project, repo),
          pipelines: pipelines.map((p) => ({ id: p.id, name: p.name, path: "\\", yamlFilename: "azure-pipelines.yml", queueStatus: "enabled" })),
          environments: environments(project, pipelines.map((p) => p.id)),
        },
      });
    }
  }
  return out;
}

/** "{team source id} {repository source id} {permission}" for every group that can read a repository. */
export function expectedAdoTeamLinks(org: AdoOrg): string[] {
  const links: string[] = [];
  for (const project of org.projects) {
    for (const repo of project.repos) {
      for (const [group, bits] of effectiveBits(project, repo)) {
        const permission = bits & (P.Administer | P.ManagePermissions) ? "admin" : bits & P.EditPolicies ? "maintain" : bits & P.GenericContribute ? "push" : bits & P.GenericRead ? "pull" : null;
        if (permission) links.push(`${graphDescriptor(group)} ${repo.id} ${permission}`);
      }
    }
  }
  return links.sort();
}
