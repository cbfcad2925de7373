// The DevOps inventory of a security connector (2024-04-01, not in @azure/arm-security 5):
// devops/default, GitHub owners and repositories, Azure DevOps orgs, projects and repositories,
// drawn from the world's GitHub orgs and Azure DevOps orgs onboarded to the connector.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { AdoOrg, AdoProject } from "../world/azure-devops";
import type { Organization } from "../world/github";
import { requireApiVersion } from "./api-versions";
import { azureDevOpsOrgsOf, connectorOf, gitHubOwnersOf, systemData, type Connector } from "./devops-model";
import { securityNotFound } from "./errors";
import { fromArray, pageOf } from "./paging";
import { armTime } from "./world-view";

const TYPE = "Microsoft.Security/securityConnectors/devops";
const ONBOARDED = { provisioningState: "Succeeded", provisioningStatusMessage: "Resource onboarded successful.", onboardingState: "Onboarded" } as const;

type ConnectorParams = { subscriptionId: string; resourceGroupName: string; securityConnectorName: string };
type OwnerParams = ConnectorParams & { ownerName: string };
type OrgParams = ConnectorParams & { orgName: string };
type ProjectParams = OrgParams & { projectName: string };

function child(ctx: EmulatorContext, connector: Connector, path: string, name: string, type: string, properties: Record<string, unknown>) {
  return { id: `${connector.id}/devops/default/${path}`, name, type: `${TYPE}/${type}`, systemData: systemData(ctx, connector), properties };
}

function provisioned(connector: Connector): Record<string, string> {
  return { provisioningStatusMessage: ONBOARDED.provisioningStatusMessage, provisioningStatusUpdateTimeUtc: armTime(connector.createdAt), provisioningState: ONBOARDED.provisioningState };
}

function configuration(ctx: EmulatorContext, connector: Connector) {
  return { id: `${connector.id}/devops/default`, name: "default", type: TYPE, systemData: systemData(ctx, connector), properties: { ...provisioned(connector), autoDiscovery: "Enabled" } };
}

function owner(ctx: EmulatorContext, connector: Connector, org: Organization) {
  return child(ctx, connector, `gitHubOwners/${org.login}`, org.login, "gitHubOwners", {
    ...provisioned(connector),
    ownerUrl: `https://github.com/${org.login}`,
    gitHubInternalId: String(org.id),
    onboardingState: ONBOARDED.onboardingState,
  });
}

function gitHubRepo(ctx: EmulatorContext, connector: Connector, org: Organization, repo: Organization["repos"][number]) {
  return child(ctx, connector, `gitHubOwners/${org.login}/repos/${repo.name}`, repo.name, "gitHubOwners/repos", {
    ...provisioned(connector),
    repoId: String(repo.id),
    repoName: repo.name,
    repoFullName: repo.fullName,
    onboardingState: ONBOARDED.onboardingState,
    repoUrl: `https://github.com/${repo.fullName}`,
    parentOwnerName: org.login,
  });
}

function adoOrg(ctx: EmulatorContext, connector: Connector, org: AdoOrg) {
  return child(ctx, connector, `azureDevOpsOrgs/${org.name}`, org.name, "azureDevOpsOrgs", {
    ...provisioned(connector),
    onboardingState: ONBOARDED.onboardingState,
    actionableRemediation: { state: "Enabled" },
  });
}

function adoProject(ctx: EmulatorContext, connector: Connector, org: AdoOrg, project: AdoProject) {
  return child(ctx, connector, `azureDevOpsOrgs/${org.name}/projects/${project.name}`, project.name, "azureDevOpsOrgs/projects", {
    ...provisioned(connector),
    parentOrgName: org.name,
    projectId: project.id,
    onboardingState: ONBOARDED.onboardingState,
    actionableRemediation: { state: "Enabled" },
  });
}

function adoRepo(ctx: EmulatorContext, connector: Connector, org: AdoOrg, project: AdoProject, repo: AdoProject["repos"][number]) {
  return child(ctx, connector, `azureDevOpsOrgs/${org.name}/projects/${project.name}/repos/${repo.name}`, repo.name, "azureDevOpsOrgs/projects/repos", {
    ...provisioned(connector),
    parentOrgName: org.name,
    parentProjectName: project.name,
    repoId: repo.id,
    repoUrl: `https://dev.azure.com/${org.name}/${encodeURIComponent(project.name)}/_git/${repo.name}`,
    visibility: "private",
    onboardingState: ONBOARDED.onboardingState,
    actionableRemediation: { state: "Enabled" },
  });
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function registerDevOps(app: FastifyInstance, ctx: EmulatorContext): void {
  const BASE = "/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.Security/securityConnectors/:securityConnectorName/devops";
  const connector = (request: FastifyRequest<{ Params: ConnectorParams }>) => {
    requireApiVersion(request, "devops");
    return connectorOf(ctx, request.params);
  };
  const findOwner = (c: Connector, name: string) => {
    const found = gitHubOwnersOf(ctx, c).find((o) => same(o.login, name));
    if (!found) throw securityNotFound("GitHub owner", name);
    return found;
  };
  const findOrg = (c: Connector, name: string) => {
    const found = azureDevOpsOrgsOf(ctx, c).find((o) => same(o.name, name));
    if (!found) throw securityNotFound("Azure DevOps organization", name);
    return found;
  };
  const findProject = (org: AdoOrg, name: string) => {
    const found = org.projects.find((p) => same(p.name, name));
    if (!found) throw securityNotFound("Azure DevOps project", name);
    return found;
  };

  app.get<{ Params: ConnectorParams }>(BASE, async (request) => {
    const c = connector(request);
    return pageOf(ctx, request, null, fromArray([c]), (x) => configuration(ctx, x));
  });
  app.get<{ Params: ConnectorParams }>(`${BASE}/default`, async (request) => configuration(ctx, connector(request)));

  app.get<{ Params: ConnectorParams }>(`${BASE}/default/gitHubOwners`, async (request) => {
    const c = connector(request);
    return pageOf(ctx, request, "devops", fromArray(gitHubOwnersOf(ctx, c)), (o) => owner(ctx, c, o));
  });
  app.get<{ Params: OwnerParams }>(`${BASE}/default/gitHubOwners/:ownerName`, async (request) => {
    const c = connector(request);
    return owner(ctx, c, findOwner(c, request.params.ownerName));
  });
  app.get<{ Params: OwnerParams }>(`${BASE}/default/gitHubOwners/:ownerName/repos`, async (request) => {
    const c = connector(request);
    const org = findOwner(c, request.params.ownerName);
    return pageOf(ctx, request, "devops", fromArray(org.repos), (r) => gitHubRepo(ctx, c, org, r));
  });
  app.get<{ Params: OwnerParams & { repoName: string } }>(`${BASE}/default/gitHubOwners/:ownerName/repos/:repoName`, async (request) => {
    const c = connector(request);
    const org = findOwner(c, request.params.ownerName);
    const repo = org.repos.find((r) => same(r.name, request.params.repoName));
    if (!repo) throw securityNotFound("GitHub repository", request.params.repoName);
    return gitHubRepo(ctx, c, org, repo);
  });

  app.get<{ Params: ConnectorParams }>(`${BASE}/default/azureDevOpsOrgs`, async (request) => {
    const c = connector(request);
    return pageOf(ctx, request, "devops", fromArray(azureDevOpsOrgsOf(ctx, c)), (o) => adoOrg(ctx, c, o));
  });
  app.get<{ Params: OrgParams }>(`${BASE}/default/azureDevOpsOrgs/:orgName`, async (request) => {
    const c = connector(request);
    return adoOrg(ctx, c, findOrg(c, request.params.orgName));
  });
  app.get<{ Params: OrgParams }>(`${BASE}/default/azureDevOpsOrgs/:orgName/projects`, async (request) => {
    const c = connector(request);
    const org = findOrg(c, request.params.orgName);
    return pageOf(ctx, request, "devops", fromArray(org.projects), (p) => adoProject(ctx, c, org, p));
  });
  app.get<{ Params: ProjectParams }>(`${BASE}/default/azureDevOpsOrgs/:orgName/projects/:projectName`, async (request) => {
    const c = connector(request);
    const org = findOrg(c, request.params.orgName);
    return adoProject(ctx, c, org, findProject(org, request.params.projectName));
  });
  app.get<{ Params: ProjectParams }>(`${BASE}/default/azureDevOpsOrgs/:orgName/projects/:projectName/repos`, async (request) => {
    const c = connector(request);
    const org = findOrg(c, request.params.orgName);
    const project = findProject(org, request.params.projectName);
    return pageOf(ctx, request, "devops", fromArray(project.repos), (r) => adoRepo(ctx, c, org, project, r));
  });
  app.get<{ Params: ProjectParams & { repoName: string } }>(`${BASE}/default/azureDevOpsOrgs/:orgName/projects/:projectName/repos/:repoName`, async (request) => {
    const c = connector(request);
    const org = findOrg(c, request.params.orgName);
    const project = findProject(org, request.params.projectName);
    const repo = project.repos.find((r) => same(r.name, request.params.repoName));
    if (!repo) throw securityNotFound("Azure DevOps repository", request.params.repoName);
    return adoRepo(ctx, c, org, project, repo);
  });
}
