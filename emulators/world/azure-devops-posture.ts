// Azure DevOps repository posture in the world: each project's security groups, Git permission
// ACEs (project-wide and per repository), branch policies, pipelines tied to repositories, and
// environments with their checks and the pipelines that deployed to them. Deterministic per
// (seed, org, project); tests may edit these arrays in place to model a change at the source.
import { Rng } from "../core/random";

/** Bits of the Git Repositories security namespace (2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87). */
export const GIT_PERMISSION = {
  Administer: 1,
  GenericRead: 2,
  GenericContribute: 4,
  ForcePush: 8,
  CreateBranch: 16,
  CreateTag: 32,
  ManageNote: 64,
  PolicyExempt: 128,
  CreateRepository: 256,
  DeleteRepository: 512,
  RenameRepository: 1024,
  EditPolicies: 2048,
  RemoveOthersLocks: 4096,
  ManagePermissions: 8192,
  PullRequestContribute: 16384,
  PullRequestBypassPolicy: 32768,
} as const;

const P = GIT_PERMISSION;
const CONTRIBUTE = P.GenericRead | P.GenericContribute | P.CreateBranch | P.CreateTag | P.ManageNote | P.PullRequestContribute;
const ADMINISTER = CONTRIBUTE | P.Administer | P.ForcePush | P.CreateRepository | P.DeleteRepository | P.RenameRepository | P.EditPolicies | P.RemoveOthersLocks | P.ManagePermissions;

export interface AdoGroup {
  /** The identity's id (what approvals and required-reviewer policies name). */
  id: string;
  /** The identity SID (ACLs name groups by "Microsoft.TeamFoundation.Identity;{sid}"). */
  sid: string;
  /** "Contributors", "Fabrikam Team", "ado-fabrikam-developers" … */
  name: string;
  origin: "vsts" | "aad";
  /** The Entra object id of an aad-backed group; the group's own id otherwise. */
  originId: string;
  description: string;
}

export interface AdoAce {
  sid: string;
  allow: number;
  deny: number;
}

export type AdoPolicyKind = "minimumReviewers" | "requiredReviewers" | "build" | "commentRequirements" | "workItemLinking";

export interface AdoPolicy {
  id: number;
  kind: AdoPolicyKind;
  isEnabled: boolean;
  isBlocking: boolean;
  /** Exact ref, or a prefix when `matchKind` is "Prefix"; null: every branch. */
  refName: string | null;
  matchKind: "Exact" | "Prefix";
  minimumApproverCount?: number;
  creatorVoteCounts?: boolean;
  resetOnSourcePush?: boolean;
  requiredReviewerIds?: string[];
  buildDefinitionId?: number;
}

export interface AdoCheck {
  id: number;
  kind: "approval" | "branchControl" | "businessHours";
  approvers?: { id: string; displayName: string }[];
  minRequiredApprovers?: number;
  requesterCannotBeApprover?: boolean;
  allowedBranches?: string;
}

export interface AdoEnvironment {
  id: number;
  name: string;
  checks: AdoCheck[];
  /** Pipelines (build definition ids) that deployed here, newest first. */
  deployedBy: number[];
}

export interface AdoProjectPosture {
  groups: AdoGroup[];
  /** ACEs on repoV2/{projectId}: inherited by every repository of the project. */
  projectAces: AdoAce[];
  /** Branch policies scoped to every repository of the project (repositoryId null). */
  projectPolicies: AdoPolicy[];
  environments: AdoEnvironment[];
}

export interface AdoRepoPosture {
  /** ACEs on repoV2/{projectId}/{repoId}: override the project's, bit by bit. */
  aces: AdoAce[];
  policies: AdoPolicy[];
}

function sid(rng: Rng): string {
  return `S-1-9-1551374245-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-1-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}`;
}

function group(seed: number, key: string, name: string, origin: "vsts" | "aad", description: string): AdoGroup {
  const rng = Rng.of(seed, "ado-group", key);
  return { id: rng.uuid(), sid: sid(rng), name, origin, originId: rng.uuid(), description };
}

/** The project's groups, ACEs, project-wide policies and environments. */
export function buildProjectPosture(seed: number, orgIndex: number, projectIndex: number, projectName: string, pipelineIds: number[]): AdoProjectPosture {
  const key = `${orgIndex}/${projectIndex}`;
  const rng = Rng.of(seed, "ado-project-posture", key);
  const groups = [
    group(seed, `${key}/admins`, "Project Administrators", "vsts", "Members of this group can perform all operations in the team project."),
    group(seed, `${key}/build`, "Build Administrators", "vsts", "Members of this group can create, modify and delete build definitions and manage queued and completed builds."),
    group(seed, `${key}/contributors`, "Contributors", "vsts", "Members of this group can add, modify, and delete items within the team project."),
    group(seed, `${key}/readers`, "Readers", "vsts", "Members of this group have access to the team project."),
    group(seed, `${key}/team`, `${projectName} Team`, "vsts", "The default project team."),
    group(seed, `${key}/developers`, `ado-${projectName.toLowerCase()}-developers`, "aad", `Entra ID group of the ${projectName} developers.`),
  ];
  const [admins, build, contributors, readers, , developers] = groups as [AdoGroup, AdoGroup, AdoGroup, AdoGroup, AdoGroup, AdoGroup];
  const projectAces: AdoAce[] = [
    // Some projects let their administrators bypass policies everywhere (a finding, not the default).
    { sid: admins.sid, allow: ADMINISTER | (rng.bool(0.5) ? P.PullRequestBypassPolicy | P.PolicyExempt : 0), deny: 0 },
    { sid: build.sid, allow: P.GenericRead | P.GenericContribute | P.CreateBranch | P.CreateTag, deny: 0 },
    { sid: contributors.sid, allow: CONTRIBUTE, deny: 0 },
    { sid: readers.sid, allow: P.GenericRead, deny: 0 },
    { sid: developers.sid, allow: CONTRIBUTE, deny: 0 },
  ];
  const projectPolicies: AdoPolicy[] = projectIndex === 0 ? [{ id: 1, kind: "commentRequirements", isEnabled: true, isBlocking: true, refName: "refs/heads/main", matchKind: "Exact" }] : [];
  const approvers = [
    { id: admins.id, displayName: `[${projectName}]\\Project Administrators` },
    { id: developers.id, displayName: developers.name },
  ];
  const environments: AdoEnvironment[] = ["dev", "staging", "production"].map((name, e) => {
    const erng = Rng.of(seed, "ado-environment", key, e);
    const checks: AdoCheck[] = [];
    let checkId = 1000 + orgIndex * 100_000 + projectIndex * 1000 + e * 10;
    if (name !== "dev" && (name === "production" ? erng.bool(0.85) : erng.bool(0.5))) {
      const count = erng.int(1, 2);
      checks.push({ id: checkId++, kind: "approval", approvers: approvers.slice(0, count), minRequiredApprovers: erng.int(0, count), requesterCannotBeApprover: erng.bool(0.6) });
    }
    if (name === "production" && erng.bool(0.6)) checks.push({ id: checkId++, kind: "branchControl", allowedBranches: "refs/heads/main" });
    if (name === "production" && erng.bool(0.3)) checks.push({ id: checkId++, kind: "businessHours" });
    const deployedBy = pipelineIds.filter(() => (name === "dev" ? true : erng.bool(name === "staging" ? 0.7 : 0.5)));
    return { id: 1 + orgIndex * 1000 + projectIndex * 10 + e, name, checks, deployedBy };
  });
  return { groups, projectAces, projectPolicies, environments };
}

/** A repository's own ACEs and branch policies (ids unique in the project). */
export function buildRepoPosture(seed: number, orgIndex: number, projectIndex: number, repoIndex: number, project: AdoProjectPosture, pipelineId: number): AdoRepoPosture {
  const rng = Rng.of(seed, "ado-repo-posture", orgIndex, projectIndex, repoIndex);
  const byName = (name: string) => project.groups.find((g) => g.name === name)!;
  const aces: AdoAce[] = [];
  if (rng.bool(0.25)) aces.push({ sid: byName("Contributors").sid, allow: P.PullRequestBypassPolicy, deny: 0 });
  else if (rng.bool(0.3)) aces.push({ sid: byName("Contributors").sid, allow: 0, deny: P.ForcePush });
  if (rng.bool(0.3)) aces.push({ sid: byName("Build Administrators").sid, allow: P.PolicyExempt, deny: 0 });
  // An explicit deny at the repository overrides a project-wide bypass for administrators.
  if (rng.bool(0.2)) aces.push({ sid: byName("Project Administrators").sid, allow: 0, deny: P.PullRequestBypassPolicy | P.PolicyExempt });

  let id = 100 + repoIndex * 10;
  const policies: AdoPolicy[] = [];
  const main = { refName: "refs/heads/main", matchKind: "Exact" as const };
  const state = () => (rng.bool(0.1) ? { isEnabled: rng.bool(0.5), isBlocking: false } : { isEnabled: true, isBlocking: true });
  if (rng.bool(0.75)) policies.push({ id: id++, kind: "minimumReviewers", ...state(), ...main, minimumApproverCount: rng.int(1, 3), creatorVoteCounts: rng.bool(0.3), resetOnSourcePush: rng.bool(0.5) });
  if (rng.bool(0.6)) policies.push({ id: id++, kind: "build", ...state(), ...main, buildDefinitionId: pipelineId });
  if (rng.bool(0.5)) policies.push({ id: id++, kind: "commentRequirements", ...state(), ...main });
  if (rng.bool(0.4)) policies.push({ id: id++, kind: "workItemLinking", ...state(), ...main });
  if (rng.bool(0.3)) policies.push({ id: id++, kind: "requiredReviewers", ...state(), ...main, minimumApproverCount: 1, creatorVoteCounts: false, requiredReviewerIds: [project.groups[5]!.id] });
  // Policies on other branches do not protect the default branch.
  if (rng.bool(0.4)) policies.push({ id: id++, kind: "build", isEnabled: true, isBlocking: true, refName: "refs/heads/release/", matchKind: "Prefix", buildDefinitionId: pipelineId });
  return { aces, policies };
}
