// An organization's inventory → repository rows with their posture evidence, and teams.
//
// repository.settings.ado — the evidence controls read (written whole on every sync):
//   {
//     projectId: string, defaultBranchRef: string | null ("refs/heads/main"), isDisabled: boolean,
//     branchPolicies: {                      // enabled, blocking policies covering the default branch
//       minimumReviewers: number,            // 0 = no minimum-reviewers policy
//       creatorVoteCounts: boolean | null,   // null = no minimum-reviewers policy
//       resetOnPush: boolean | null,
//       requiredReviewers: { reviewerIds: string[], minimumApproverCount: number, pathFilters: string[] | null }[],
//       buildValidation: { buildDefinitionId: number, displayName: string | null, manualQueueOnly: boolean }[],
//       commentResolution: boolean, workItemLinking: boolean,
//       optionalPolicies: string[],          // enabled but non-blocking: inform, never enforce
//     },
//     bypass: {
//       policyBypassGroups: { descriptor: string, name: string, onPush: boolean, onPullRequest: boolean }[],
//       contributorsCanBypass: boolean,
//     },
//     pipelines: { id: number, name: string, path: string | null, yamlFilename: string | null, queueStatus: string | null }[],
//     environments: {                        // environments this repository's pipelines deployed to
//       id: number, name: string,
//       approvals: { approvers: string[], minRequiredApprovers: number, requesterCannotBeApprover: boolean }[],
//       checks: { type: string, name: string }[],   // every check, approvals included ("Approval", "evaluatebranchProtection" …)
//     }[],
//   }
//
// Teams: each Graph group (project groups like "[Fabrikam]\Contributors", and Entra-backed
// groups) that the Git ACLs give at least read on some repository becomes a team; its
// repositories carry the strongest permission it has there in GitHub's names (Administer or
// Manage permissions → admin, Edit policies → maintain, Contribute → push, Read → pull).
import type { BranchPolicyEvidence } from "./map-branch-policies";
import { mapBranchPolicies } from "./map-branch-policies";
import { effectiveGitPermissions, groupDirectory, groupOf, mapBypass, teamPermissionOf, type BypassEvidence } from "./map-git-permissions";
import type { EnvironmentInventory, OrganizationInventory, ProjectInventory } from "./inventory";
import type { CheckConfigurationPayload } from "./inventory-schemas";

export interface AdoEnvironmentEvidence {
  id: number;
  name: string;
  approvals: { approvers: string[]; minRequiredApprovers: number; requesterCannotBeApprover: boolean }[];
  checks: { type: string; name: string }[];
}

export interface AdoRepositorySettings {
  projectId: string;
  defaultBranchRef: string | null;
  isDisabled: boolean;
  branchPolicies: BranchPolicyEvidence;
  bypass: BypassEvidence;
  pipelines: { id: number; name: string; path: string | null; yamlFilename: string | null; queueStatus: string | null }[];
  environments: AdoEnvironmentEvidence[];
}

export interface AdoRepositoryRecord {
  sourceId: string;
  name: string;
  /** "{organization}/{project}/{repository}" */
  fullName: string;
  projectName: string;
  url: string | null;
  /** Branch name without "refs/heads/", as GitHub repositories store it. */
  defaultBranch: string | null;
  visibility: string | null;
  archived: boolean;
  settings: { ado: AdoRepositorySettings };
}

export interface AdoTeamRecord {
  /** The Graph subject descriptor. */
  sourceId: string;
  slug: string;
  name: string;
  description: string | null;
  origin: string;
  /** The Entra object id of an Entra-backed group. */
  entraGroupId: string | null;
  repositories: { repositorySourceId: string; permission: "admin" | "maintain" | "push" | "pull" }[];
}

function checkName(check: CheckConfigurationPayload): string {
  return check.settings?.definitionRef?.name ?? check.settings?.displayName ?? check.type.name;
}

export function mapEnvironment(environment: EnvironmentInventory): AdoEnvironmentEvidence {
  const approvals = environment.checks.filter((c) => c.type.name === "Approval");
  return {
    id: environment.id,
    name: environment.name,
    approvals: approvals.map((c) => ({
      approvers: (c.settings?.approvers ?? []).map((a) => a.displayName ?? a.id ?? "").sort(),
      minRequiredApprovers: c.settings?.minRequiredApprovers ?? 0,
      requesterCannotBeApprover: c.settings?.requesterCannotBeApprover ?? false,
    })),
    checks: environment.checks.map((c) => ({ type: c.type.name, name: checkName(c) })).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
  };
}

function stripHeads(ref: string | null | undefined): string | null {
  return ref ? ref.replace(/^refs\/heads\//, "") : null;
}

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function mapProjectRepositories(organization: string, inventory: ProjectInventory, directory: ReturnType<typeof groupDirectory>): AdoRepositoryRecord[] {
  const environments = inventory.environments.map((e) => ({ deployedBy: new Set(e.deployedBy), evidence: mapEnvironment(e) }));
  return inventory.repositories
    .map((repo) => {
      const pipelines = inventory.definitions.filter((d) => d.repository?.id.toLowerCase() === repo.id.toLowerCase());
      const pipelineIds = pipelines.map((p) => p.id);
      const settings: AdoRepositorySettings = {
        projectId: inventory.project.id,
        defaultBranchRef: repo.defaultBranch ?? null,
        isDisabled: repo.isDisabled ?? false,
        branchPolicies: mapBranchPolicies(inventory.policies, repo.id, repo.defaultBranch ?? null),
        bypass: mapBypass(effectiveGitPermissions(inventory.acls, inventory.project.id, repo.id), directory),
        pipelines: pipelines
          .map((p) => ({ id: p.id, name: p.name, path: p.path ?? null, yamlFilename: p.process?.yamlFilename ?? null, queueStatus: p.queueStatus ?? null }))
          .sort((a, b) => a.id - b.id),
        environments: environments.filter((e) => pipelineIds.some((id) => e.deployedBy.has(id))).map((e) => e.evidence),
      };
      return {
        sourceId: repo.id,
        name: repo.name,
        fullName: `${organization}/${inventory.project.name}/${repo.name}`,
        projectName: inventory.project.name,
        url: repo.webUrl ?? null,
        defaultBranch: stripHeads(repo.defaultBranch),
        visibility: inventory.project.visibility ?? null,
        archived: repo.isDisabled ?? false,
        settings: { ado: settings },
      };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

const RANK = { pull: 1, push: 2, maintain: 3, admin: 4 } as const;

/** Repositories with their evidence, and the groups that reach them as teams. */
export function mapOrganizationInventory(organization: string, inventory: OrganizationInventory): { repositories: AdoRepositoryRecord[]; teams: AdoTeamRecord[] } {
  const directory = groupDirectory(inventory.groups);
  const repositories = inventory.projects.flatMap((p) => mapProjectRepositories(organization, p, directory));
  const teams = new Map<string, AdoTeamRecord>();
  for (const project of inventory.projects) {
    for (const repo of project.repositories) {
      for (const [aclDescriptor, bits] of effectiveGitPermissions(project.acls, project.project.id, repo.id)) {
        const permission = teamPermissionOf(bits);
        const group = groupOf(directory, aclDescriptor);
        if (!permission || !group) continue;
        let team = teams.get(group.descriptor);
        if (!team) {
          const name = group.principalName ?? group.displayName;
          team = { sourceId: group.descriptor, slug: slugOf(name), name, description: group.description ?? null, origin: group.origin, entraGroupId: group.origin === "aad" ? (group.originId ?? null) : null, repositories: [] };
          teams.set(group.descriptor, team);
        }
        const existing = team.repositories.find((r) => r.repositorySourceId === repo.id);
        if (!existing) team.repositories.push({ repositorySourceId: repo.id, permission });
        else if (RANK[permission] > RANK[existing.permission]) existing.permission = permission;
      }
    }
  }
  return { repositories, teams: [...teams.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
}
