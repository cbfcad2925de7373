// The inventory clients need beside the audit log: projects (GET _apis/projects, paged with
// $top/$skip and the x-ms-continuationtoken header) and Git repositories, per organization
// and per project, in the shapes azure-devops-node-api's CoreApi and GitApi read.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { AdoOrg, AdoProject } from "../world/azure-devops";
import { RESOURCES, orgOf, requireApiVersion } from "./api-version";
import { VssError, badRequest } from "./errors";

const DEFAULT_TOP = 100;

function projectReference(ctx: EmulatorContext, org: AdoOrg, project: AdoProject): Record<string, unknown> {
  const index = org.projects.indexOf(project);
  return {
    id: project.id,
    name: project.name,
    description: `${project.name} applications and infrastructure`,
    url: `${ctx.urls.azureDevOps}/${org.name}/_apis/projects/${project.id}`,
    state: "wellFormed",
    revision: 400 + index * 7,
    visibility: "private",
    lastUpdateTime: new Date(ctx.world.now - (index + 3) * 86_400_000).toISOString(),
  };
}

function repository(ctx: EmulatorContext, org: AdoOrg, project: AdoProject, repo: AdoProject["repos"][number]): Record<string, unknown> {
  const web = `${ctx.urls.azureDevOps}/${org.name}/${encodeURIComponent(project.name)}/_git/${repo.name}`;
  return {
    id: repo.id,
    name: repo.name,
    url: `${ctx.urls.azureDevOps}/${org.name}/${project.id}/_apis/git/repositories/${repo.id}`,
    project: projectReference(ctx, org, project),
    defaultBranch: repo.defaultBranch,
    size: 1_048_576 + (repo.name.length * 7919) % 50_000_000,
    remoteUrl: web,
    sshUrl: `git@ssh.dev.azure.com:v3/${org.name}/${encodeURIComponent(project.name)}/${repo.name}`,
    webUrl: web,
    isDisabled: false,
    isInMaintenance: false,
  };
}

export function projectOf(org: AdoOrg, idOrName: string): AdoProject {
  const wanted = decodeURIComponent(idOrName).toLowerCase();
  const found = org.projects.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
  if (!found) throw new VssError(404, "ProjectDoesNotExistWithNameException", `TF200016: The following project does not exist: ${decodeURIComponent(idOrName)}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`, {}, "Microsoft.TeamFoundation.Core.WebApi");
  return found;
}

function intParam(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`The value '${value}' of parameter '${name}' is not valid.`);
  return n;
}

type ProjectsQuery = { $top?: string; $skip?: string; continuationToken?: string; stateFilter?: string };

export function registerInventory(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: { organization: string }; Querystring: ProjectsQuery }>("/:organization/_apis/projects", async (request, reply: FastifyReply) => {
    requireApiVersion(request, RESOURCES.projects);
    const org = orgOf(ctx, request.params.organization);
    const top = Math.max(1, intParam(request.query.$top, "$top", DEFAULT_TOP));
    const skip = intParam(request.query.continuationToken, "continuationToken", intParam(request.query.$skip, "$skip", 0));
    const value = org.projects.slice(skip, skip + top).map((p) => projectReference(ctx, org, p));
    if (skip + top < org.projects.length) reply.header("x-ms-continuationtoken", String(skip + top));
    return { count: value.length, value };
  });
  app.get<{ Params: { organization: string; projectId: string } }>("/:organization/_apis/projects/:projectId", async (request) => {
    requireApiVersion(request, RESOURCES.projects);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.projectId);
    return { ...projectReference(ctx, org, project), capabilities: { versioncontrol: { sourceControlType: "Git" }, processTemplate: { templateName: "Agile" } }, _links: {} };
  });
  app.get<{ Params: { organization: string } }>("/:organization/_apis/git/repositories", async (request) => {
    requireApiVersion(request, RESOURCES.repositories);
    const org = orgOf(ctx, request.params.organization);
    const value = org.projects.flatMap((p) => p.repos.map((r) => repository(ctx, org, p, r)));
    return { count: value.length, value };
  });
  app.get<{ Params: { organization: string; project: string } }>("/:organization/:project/_apis/git/repositories", async (request) => {
    requireApiVersion(request, RESOURCES.repositories);
    const org = orgOf(ctx, request.params.organization);
    const project = projectOf(org, request.params.project);
    const value = project.repos.map((r) => repository(ctx, org, project, r));
    return { count: value.length, value };
  });
}
