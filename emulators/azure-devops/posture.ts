// The repository-posture APIs around the Git inventory: policy configurations, build
// definitions (YAML pipelines with their repository), environments with their deployment
// records and pipeline checks, Git security ACLs, and Graph groups (served from
// vssps.dev.azure.com in the cloud; here, like the audit service, from this server). Lists page
// with $top (or top) and continuationToken, the next token in the x-ms-continuationtoken header.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { AdoOrg, AdoProject } from "../world/azure-devops";
import type { AdoCheck, AdoGroup, AdoPolicy } from "../world/azure-devops-posture";
import { RESOURCES, orgOf, requireApiVersion } from "./api-version";
import { badRequest } from "./errors";
import { projectOf } from "./inventory";

export const GIT_SECURITY_NAMESPACE = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";

/** Policy type ids and display names as the service reports them. */
export const POLICY_TYPES: Record<AdoPolicy["kind"], { id: string; displayName: string }> = {
  minimumReviewers: { id: "fa4e907d-c16b-4a4c-9dfa-4906e5d171dd", displayName: "Minimum number of reviewers" },
  requiredReviewers: { id: "fd2167ab-b0be-447a-8ec8-39368250530e", displayName: "Required reviewers" },
  build: { id: "0609b952-1397-4640-95ec-e00a01b2c241", displayName: "Build" },
  commentRequirements: { id: "c6a1889d-b943-4856-b76f-9e46bb6b0df2", displayName: "Comment requirements" },
  workItemLinking: { id: "40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e", displayName: "Work item linking" },
};

const CHECK_TYPES = {
  approval: { id: "8c6f20a7-a545-4486-9777-f762fafe0d4d", name: "Approval" },
  task: { id: "fe1de3ee-a436-41b4-bb20-f6eb4cb879a7", name: "Task Check" },
};

const EPOCH = "2026-09-01T00:00:00Z";

type PageQuery = { $top?: string; top?: string; continuationToken?: string };

/** One page of `items` by offset; the offset of the next page goes in x-ms-continuationtoken. */
function page<T>(items: T[], query: PageQuery, reply: FastifyReply, defaultTop: number): { count: number; value: T[] } {
  const top = Number(query.$top ?? query.top ?? defaultTop);
  const skip = Number(query.continuationToken ?? 0);
  if (!Number.isInteger(top) || top < 1) throw badRequest(`The value '${query.$top ?? query.top}' of parameter '$top' is not valid.`);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`The continuation token '${query.continuationToken}' is not valid.`);
  const value = items.slice(skip, skip + top);
  if (skip + top < items.length) reply.header("x-ms-continuationtoken", String(skip + top));
  return { count: value.length, value };
}

function identityRef(ctx: EmulatorContext, org: AdoOrg): Record<string, unknown> {
  return { displayName: "Contoso Admin", id: ctx.world.entra.tenantId, uniqueName: `admin@${org.name}.example` };
}

function policyConfiguration(ctx: EmulatorContext, org: AdoOrg, project: AdoProject, policy: AdoPolicy, repositoryId: string | null): Record<string, unknown> {
  const type = POLICY_TYPES[policy.kind];
  const url = `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/policy/configurations/${policy.id}`;
  const settings: Record<string, unknown> = { scope: [{ refName: policy.refName, matchKind: policy.matchKind, repositoryId }] };
  if (policy.kind === "minimumReviewers") {
    Object.assign(settings, { minimumApproverCount: policy.minimumApproverCount, creatorVoteCounts: policy.creatorVoteCounts, allowDownvotes: false, resetOnSourcePush: policy.resetOnSourcePush, requireVoteOnLastIteration: false, blockLastPusherVote: false });
  } else if (policy.kind === "requiredReviewers") {
    Object.assign(settings, { requiredReviewerIds: policy.requiredReviewerIds, minimumApproverCount: policy.minimumApproverCount, creatorVoteCounts: policy.creatorVoteCounts, message: "A developer must review" });
  } else if (policy.kind === "build") {
    Object.assign(settings, { buildDefinitionId: policy.buildDefinitionId, queueOnSourceUpdateOnly: true, manualQueueOnly: false, displayName: null, validDuration: 720 });
  }
  return {
    createdBy: identityRef(ctx, org),
    createdDate: EPOCH,
    isEnabled: policy.isEnabled,
    isBlocking: policy.isBlocking,
    isDeleted: false,
    settings,
    isEnterpriseManaged: false,
    _links: { self: { href: url }, policyType: { href: `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/policy/types/${type.id}` } },
    revision: 1,
    id: policy.id,
    url,
    type: { id: type.id, url: `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/policy/types/${type.id}`, displayName: type.displayName },
  };
}

function buildDefinition(ctx: EmulatorContext, org: AdoOrg, project: AdoProject, pipeline: AdoProject["pipelines"][number]): Record<string, unknown> {
  const repo = project.repos.find((r) => r.id === pipeline.repoId);
  const base = `${ctx.urls.azureDevOps}/${org.name}/${project.id}`;
  return {
    id: pipeline.id,
    name: pipeline.name,
    url: `${base}/_apis/build/Definitions/${pipeline.id}?revision=3`,
    uri: `vstfs:///Build/Definition/${pipeline.id}`,
    path: "\\",
    type: "build",
    queueStatus: "enabled",
    revision: 3,
    createdDate: EPOCH,
    project: { id: project.id, name: project.name, state: "wellFormed", visibility: "private" },
    process: { yamlFilename: "azure-pipelines.yml", type: 2 },
    repository: repo
      ? { id: repo.id, type: "TfsGit", name: repo.name, url: `${ctx.urls.azureDevOps}/${org.name}/${encodeURIComponent(project.name)}/_git/${repo.name}`, defaultBranch: repo.defaultBranch, clean: null, checkoutSubmodules: false }
      : null,
    quality: "definition",
    authoredBy: identityRef(ctx, org),
    queue: { id: 9, name: "Azure Pipelines", pool: { id: 9, name: "Azure Pipelines", isHosted: true } },
  };
}

function checkConfiguration(ctx: EmulatorContext, org: AdoOrg, project: AdoProject, environment: { id: number; name: string }, check: AdoCheck): Record<string, unknown> {
  let type: { id: string; name: string } = CHECK_TYPES.task;
  let settings: Record<string, unknown>;
  if (check.kind === "approval") {
    type = CHECK_TYPES.approval;
    settings = { approvers: check.approvers, executionOrder: "anyOrder", minRequiredApprovers: check.minRequiredApprovers, instructions: "", blockedApprovers: [], requesterCannotBeApprover: check.requesterCannotBeApprover };
  } else if (check.kind === "branchControl") {
    settings = { definitionRef: { id: "86b05a0c-73e6-4f7d-b3cf-e38f3b39a75b", name: "evaluatebranchProtection", version: "0.0.1" }, displayName: "Branch control", inputs: { allowedBranches: check.allowedBranches, ensureProtectionOfBranch: "true", allowUnknownStatusBranch: "false" }, retryInterval: 5 };
  } else {
    settings = { definitionRef: { id: "445fde2f-6c39-441c-807f-8a59ff2e075f", name: "evaluateBusinessHours", version: "0.0.1" }, displayName: "Business Hours", inputs: { businessDays: "Monday,Tuesday,Wednesday,Thursday,Friday", timeZone: "UTC", startTime: "09:00", endTime: "17:00" }, retryInterval: 5 };
  }
  return {
    settings,
    createdBy: identityRef(ctx, org),
    createdOn: EPOCH,
    modifiedBy: identityRef(ctx, org),
    modifiedOn: EPOCH,
    timeout: 43200,
    _links: { self: { href: `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/pipelines/checks/configurations/${check.id}` } },
    id: check.id,
    version: 1,
    type,
    url: `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/pipelines/checks/configurations/${check.id}`,
    resource: { type: "environment", id: String(environment.id), name: environment.name },
  };
}

/** Graph subject descriptors carry the identity's SID, base64url-encoded, after the kind. */
export function graphDescriptor(group: AdoGroup): string {
  return `${group.origin === "aad" ? "aadgp" : "vssgp"}.${Buffer.from(group.sid).toString("base64url")}`;
}

function graphGroup(ctx: EmulatorContext, org: AdoOrg, project: AdoProject, group: AdoGroup): Record<string, unknown> {
  const descriptor = graphDescriptor(group);
  return {
    subjectKind: "group",
    description: group.description,
    domain: group.origin === "aad" ? ctx.world.entra.tenantId : `vstfs:///Classification/TeamProject/${project.id}`,
    principalName: group.origin === "aad" ? group.name : `[${project.name}]\\${group.name}`,
    mailAddress: null,
    origin: group.origin,
    originId: group.originId,
    displayName: group.name,
    _links: { self: { href: `${ctx.urls.azureDevOps}/${org.name}/_apis/Graph/Groups/${descriptor}` } },
    url: `${ctx.urls.azureDevOps}/${org.name}/_apis/Graph/Groups/${descriptor}`,
    descriptor,
  };
}

function acesDictionary(aces: { sid: string; allow: number; deny: number }[]): Record<string, unknown> {
  return Object.fromEntries(aces.map((a) => [`Microsoft.TeamFoundation.Identity;${a.sid}`, { descriptor: `Microsoft.TeamFoundation.Identity;${a.sid}`, allow: a.allow, deny: a.deny }]));
}

function gitAcls(org: AdoOrg, token: string, recurse: boolean): Record<string, unknown>[] {
  const [root, projectId, repoId, ...rest] = token.split("/");
  if (root?.toLowerCase() !== "repov2" || rest.length > 0) return [];
  const out: Record<string, unknown>[] = [];
  for (const project of org.projects) {
    if (projectId && project.id !== projectId.toLowerCase()) continue;
    const projectToken = `repoV2/${project.id}`;
    if (!repoId && (projectId || recurse)) out.push({ inheritPermissions: true, token: projectToken, acesDictionary: acesDictionary(project.posture.projectAces) });
    for (const repo of project.repos) {
      if (repoId ? repo.id !== repoId.toLowerCase() : !recurse) continue;
      if (repo.aces.length > 0) out.push({ inheritPermissions: true, token: `${projectToken}/${repo.id}`, acesDictionary: acesDictionary(repo.aces) });
    }
  }
  return out;
}

type ProjectParams = { organization: string; project: string };

export function registerPosture(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: ProjectParams; Querystring: PageQuery }>("/:organization/:project/_apis/policy/configurations", async (request, reply) => {
    requireApiVersion(request, RESOURCES.policyConfigurations);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.project);
    const all = [
      ...project.posture.projectPolicies.map((p) => policyConfiguration(ctx, org, project, p, null)),
      ...project.repos.flatMap((r) => r.policies.map((p) => policyConfiguration(ctx, org, project, p, r.id))),
    ];
    return page(all, request.query, reply, 100);
  });
  app.get<{ Params: ProjectParams; Querystring: PageQuery & { includeAllProperties?: string } }>("/:organization/:project/_apis/build/definitions", async (request, reply) => {
    requireApiVersion(request, RESOURCES.buildDefinitions);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.project);
    const full = request.query.includeAllProperties === "true";
    const all = project.pipelines.map((p) => {
      const definition = buildDefinition(ctx, org, project, p);
      // Shallow references leave out the process and the repository.
      if (!full) {
        delete definition.repository;
        delete definition.process;
      }
      return definition;
    });
    return page(all, request.query, reply, 1000);
  });
  app.get<{ Params: ProjectParams; Querystring: PageQuery }>("/:organization/:project/_apis/distributedtask/environments", async (request, reply) => {
    requireApiVersion(request, RESOURCES.environments);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.project);
    const all = project.posture.environments.map((e) => ({
      id: e.id,
      name: e.name,
      description: "",
      createdBy: identityRef(ctx, org),
      createdOn: EPOCH,
      lastModifiedBy: identityRef(ctx, org),
      lastModifiedOn: EPOCH,
      project: { id: project.id, name: project.name },
    }));
    return page(all, request.query, reply, 50);
  });
  app.get<{ Params: ProjectParams & { environmentId: string }; Querystring: PageQuery }>(
    "/:organization/:project/_apis/distributedtask/environments/:environmentId/environmentdeploymentrecords",
    async (request, reply) => {
      requireApiVersion(request, RESOURCES.environmentDeploymentRecords);
      const org = orgOf(ctx, request.params.organization);
      const project = projectOf(org, request.params.project);
      const environment = project.posture.environments.find((e) => String(e.id) === request.params.environmentId);
      if (!environment) throw badRequest(`Environment ${request.params.environmentId} not found.`);
      const all = environment.deployedBy.map((definitionId, i) => {
        const pipeline = project.pipelines.find((p) => p.id === definitionId);
        const finish = Date.parse(EPOCH) + (environment.deployedBy.length - i) * 3_600_000;
        return {
          id: environment.id * 1000 + i,
          requestIdentifier: String(environment.id * 1000 + i),
          environmentId: environment.id,
          serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
          scopeId: project.id,
          resourceId: 0,
          planType: "Build",
          planId: `00000000-0000-4000-8000-${String(environment.id * 1000 + i).padStart(12, "0")}`,
          stageName: "Deploy",
          jobName: "Deploy",
          stageAttempt: 1,
          jobAttempt: 1,
          definition: { id: definitionId, name: pipeline?.name ?? String(definitionId) },
          owner: { id: 100 + i, name: `20261101.${i + 1}` },
          result: "succeeded",
          queueTime: new Date(finish - 600_000).toISOString(),
          startTime: new Date(finish - 300_000).toISOString(),
          finishTime: new Date(finish).toISOString(),
        };
      });
      return page(all, request.query, reply, 50);
    },
  );
  app.get<{ Params: ProjectParams; Querystring: { resourceType?: string; resourceId?: string; $expand?: string } }>("/:organization/:project/_apis/pipelines/checks/configurations", async (request) => {
    requireApiVersion(request, RESOURCES.checkConfigurations);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.project);
    const { resourceType, resourceId } = request.query;
    if (resourceType && resourceType.toLowerCase() !== "environment") return { count: 0, value: [] };
    const environments = project.posture.environments.filter((e) => resourceId === undefined || String(e.id) === resourceId);
    const value = environments.flatMap((e) => e.checks.map((c) => checkConfiguration(ctx, org, project, e, c)));
    // Settings only come with $expand=settings.
    if (request.query.$expand !== "settings") for (const v of value) delete v.settings;
    return { count: value.length, value };
  });
  app.get<{ Params: { organization: string; namespaceId: string }; Querystring: { token?: string; recurse?: string; includeExtendedInfo?: string } }>(
    "/:organization/_apis/accesscontrollists/:namespaceId",
    async (request) => {
      requireApiVersion(request, RESOURCES.accessControlLists);
      const org = orgOf(ctx, request.params.organization);
      const value = request.params.namespaceId.toLowerCase() === GIT_SECURITY_NAMESPACE ? gitAcls(org, request.query.token ?? "repoV2", request.query.recurse === "true") : [];
      return { count: value.length, value };
    },
  );
  app.get<{ Params: { organization: string }; Querystring: PageQuery }>("/:organization/_apis/graph/groups", async (request, reply) => {
    requireApiVersion(request, RESOURCES.graphGroups);
    const org = orgOf(ctx, request.params.organization);
    const all = org.projects.flatMap((p) => p.posture.groups.map((g) => graphGroup(ctx, org, p, g)));
    // Graph pages are fixed by the service (500 subjects); the token is opaque.
    return page(all, { continuationToken: request.query.continuationToken }, reply, 500);
  });
}
