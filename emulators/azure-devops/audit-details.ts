// The action-specific part of an audit entry: the `data` bag and the human `details` line the
// service renders from it, for each action the world generates. Names come from the org's
// projects, repositories and pipelines and from the world's people.
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import { AUDIT_ACTIONS, type AdoOrg, type AuditEntrySeed } from "../world/azure-devops";
import type { Actor } from "./audit-entry";

export interface ActionDescription {
  data: Record<string, unknown>;
  details: string;
}

const PERMISSIONS = ["Contribute", "Force push (rewrite history, delete branches and tags)", "Bypass policies when pushing", "Manage permissions", "Edit policies"];
const POLICIES = ["Minimum number of reviewers", "Build", "Required reviewers", "Comment requirements", "Work item linking"];
const CONNECTION_TYPES = ["azurerm", "github", "dockerregistry", "kubernetes"];

function auditTimeIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function describeAction(ctx: EmulatorContext, org: AdoOrg, seed: AuditEntrySeed, actor: Actor, aggregated: AuditEntrySeed[]): ActionDescription {
  const rng = Rng.of(seed.salt, "audit-details");
  const action = AUDIT_ACTIONS[seed.actionIndex]!;
  const project = org.projects[seed.projectIndex]!;
  const repo = project.repos.length ? project.repos[seed.salt % project.repos.length]! : { id: project.id, name: project.name, defaultBranch: "refs/heads/main" };
  const pipeline = project.pipelines[seed.salt % project.pipelines.length]!;
  const other = ctx.world.entra.users[rng.int(0, ctx.world.entra.users.length - 1)]!;
  const where = `${project.name}/${repo.name}`;

  switch (action.actionId) {
    case "Git.RefUpdatePoliciesBypassed":
      return { data: { ProjectName: project.name, RepoId: repo.id, RepoName: repo.name, RefName: repo.defaultBranch, PushId: rng.int(1, 5000) }, details: `Bypassed policies on ${repo.defaultBranch} in ${where}.` };
    case "Git.RepositoryCreated":
      return { data: { ProjectName: project.name, RepoId: repo.id, RepoName: repo.name }, details: `Created repository ${repo.name} in project ${project.name}.` };
    case "Git.RepositoryDeleted":
      return { data: { ProjectName: project.name, RepoId: repo.id, RepoName: repo.name }, details: `Deleted repository ${repo.name} in project ${project.name}.` };
    case "Git.RepositoryDefaultBranchChanged":
      return { data: { ProjectName: project.name, RepoId: repo.id, RepoName: repo.name, NewDefaultBranch: repo.defaultBranch }, details: `Changed the default branch of repository ${where} to ${repo.defaultBranch}.` };
    case "Policy.PolicyConfigCreated":
    case "Policy.PolicyConfigModified":
    case "Policy.PolicyConfigRemoved": {
      const policy = POLICIES[seed.salt % POLICIES.length]!;
      const verb = action.actionId.endsWith("Created") ? "Created" : action.actionId.endsWith("Modified") ? "Modified" : "Removed";
      return { data: { PolicyTypeDisplayName: policy, ProjectName: project.name, RepoName: repo.name, RefName: repo.defaultBranch }, details: `${verb} ${policy} policy on ${where}.` };
    }
    case "Token.PatCreateEvent":
    case "Token.PatUpdateEvent":
    case "Token.PatRevokeEvent": {
      const name = `${["ci", "deploy", "local", "backup"][seed.salt % 4]}-token`;
      const verb = action.actionId === "Token.PatCreateEvent" ? "Created" : action.actionId === "Token.PatUpdateEvent" ? "Updated" : "Revoked";
      return { data: { DisplayName: name, Scopes: "vso.code vso.build", ValidTo: auditTimeIso(seed.timestamp + 30 * 86_400_000) }, details: `${verb} personal access token "${name}".` };
    }
    case "Security.ModifyPermission":
    case "Security.RemovePermission": {
      const permission = PERMISSIONS[seed.salt % PERMISSIONS.length]!;
      const modify = action.actionId === "Security.ModifyPermission";
      return {
        data: { NamespaceName: "Git Repositories", ChangedPermission: permission, PermissionModifiedTo: modify ? "Allow" : "NotSet", SubjectDisplayName: other.displayName },
        details: modify ? `Permission "${permission}" was set to Allow for ${other.displayName} on ${where}.` : `Removed all permissions for ${other.displayName} on ${where}.`,
      };
    }
    case "Group.UpdateGroupMembership.Add":
    case "Group.UpdateGroupMembership.Remove": {
      const group = `[${project.name}]\\${["Contributors", "Project Administrators", "Build Administrators", "Readers"][seed.salt % 4]}`;
      const add = action.actionId.endsWith("Add");
      return { data: { GroupName: group, MemberDisplayName: other.displayName }, details: add ? `Added ${other.displayName} to group ${group}.` : `Removed ${other.displayName} from group ${group}.` };
    }
    case "Library.ServiceConnectionCreated":
    case "Library.ServiceConnectionModified":
    case "Library.ServiceConnectionDeleted": {
      const name = `${project.name.toLowerCase()}-${CONNECTION_TYPES[seed.salt % CONNECTION_TYPES.length]}`;
      const verb = action.actionId.replace("Library.ServiceConnection", "").toLowerCase();
      return { data: { ConnectionName: name, ConnectionType: CONNECTION_TYPES[seed.salt % CONNECTION_TYPES.length], ProjectName: project.name }, details: `Service connection "${name}" was ${verb} in project ${project.name}.` };
    }
    case "Pipelines.PipelineModified":
      return { data: { PipelineId: pipeline.id, PipelineName: pipeline.name, ProjectName: project.name }, details: `Pipeline ${pipeline.name} was modified.` };
    case "Pipelines.RunRetained":
      return { data: { PipelineId: pipeline.id, PipelineName: pipeline.name, RunName: `${rng.int(20260101, 20261231)}.${rng.int(1, 9)}` }, details: `A run of pipeline ${pipeline.name} was retained.` };
    case "Pipelines.DeploymentJobCompleted": {
      const environment = ["production", "staging", "dev"][seed.salt % 3]!;
      const result = rng.weighted(["Succeeded", "Failed", "Canceled"], [8, 1.5, 0.5]);
      return { data: { PipelineId: pipeline.id, PipelineName: pipeline.name, EnvironmentName: environment, JobName: "Deploy", Result: result }, details: `Deploy job of pipeline ${pipeline.name} to environment ${environment} ${result.toLowerCase()}.` };
    }
    case "Pipelines.ResourceAuthorizedForPipeline":
      return { data: { PipelineId: pipeline.id, PipelineName: pipeline.name, ResourceType: "endpoint" }, details: `A service connection was authorized for pipeline ${pipeline.name}.` };
    case "Release.ApprovalCompleted":
      return { data: { ReleaseName: `Release-${rng.int(1, 400)}`, StageName: "Production", ApprovalResult: "Approved" }, details: `Approved deployment of a release of ${project.name} to Production.` };
    case "Release.ReleaseCreated":
      return { data: { ReleaseName: `Release-${rng.int(1, 400)}`, PipelineName: pipeline.name }, details: `Created a release of ${pipeline.name}.` };
    case "Project.CreateCompleted":
      return { data: { ProjectId: project.id, ProjectName: project.name, ProcessTemplate: "Agile", ProjectVisibility: "Private" }, details: `${project.name} project was created successfully` };
    case "AuditLog.AccessLog": {
      const times = [seed, ...aggregated].map((s) => new Date(s.timestamp).toISOString());
      const data: Record<string, unknown> = { Filter: { StartTime: auditTimeIso(seed.timestamp - 86_400_000), EndTime: auditTimeIso(seed.timestamp), ContinuationToken: null, BatchSize: 200, HasMore: false } };
      if (aggregated.length > 0) data.EventSummary = times;
      return { data, details: aggregated.length > 0 ? `Accessed the audit log ${aggregated.length + 1} times` : "Accessed the audit log" };
    }
    case "Licensing.Modified":
      return { data: { AccessLevel: "Basic", UserDisplayName: other.displayName }, details: `Access level of ${other.displayName} was changed to Basic.` };
    default:
      return { data: {}, details: `${action.actionId} by ${actor.displayName}` };
  }
}
