// Reads an organization's inventory and repository posture, as the service returns it: projects,
// Git repositories, branch policy configurations, YAML pipelines (build definitions with their
// repository), environments with their checks and the pipelines that deployed to them, the Git
// namespace's ACLs, and the Graph groups those ACLs name. None of these APIs can list "changed
// since", so every sync is a full read; a project costs 5 requests plus 2 per environment.
//
// All calls go through the Azure SDK pipeline client rather than azure-devops-node-api: the
// library's transport retries only 502–504 (no 429 with Retry-After, no connection resets),
// cannot page policy configurations (its getPolicyConfigurations has no continuation token),
// and would bypass the request meter and pacing that keep a sync inside the consumption limit.
import type { z } from "zod";
import type { AzureDevOpsClient } from "./client";
import {
  AccessControlListSchema,
  BuildDefinitionSchema,
  CheckConfigurationSchema,
  DeploymentRecordSchema,
  EnvironmentSchema,
  GitRepositorySchema,
  GraphGroupSchema,
  ListSchema,
  PolicyConfigurationSchema,
  ProjectSchema,
  type AccessControlListPayload,
  type AdoProjectPayload,
  type BuildDefinitionPayload,
  type CheckConfigurationPayload,
  type GitRepositoryPayload,
  type GraphGroupPayload,
  type PolicyConfigurationPayload,
} from "./inventory-schemas";

/** The Git Repositories security namespace: its ACLs say who may bypass policies. */
export const GIT_SECURITY_NAMESPACE = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
/** Deployment records read per environment: the newest page says which pipelines deploy there. */
export const DEPLOYMENT_RECORDS_READ = 100;
const PAGE_SIZE = 100;

export interface EnvironmentInventory {
  id: number;
  name: string;
  checks: CheckConfigurationPayload[];
  /** Build definition ids with a deployment among the newest records. */
  deployedBy: number[];
}

export interface ProjectInventory {
  project: AdoProjectPayload;
  repositories: GitRepositoryPayload[];
  policies: PolicyConfigurationPayload[];
  definitions: BuildDefinitionPayload[];
  environments: EnvironmentInventory[];
  acls: AccessControlListPayload[];
}

export interface OrganizationInventory {
  projects: ProjectInventory[];
  groups: GraphGroupPayload[];
}

const withQuery = (url: string, query: Record<string, string>) => `${url}?${new URLSearchParams(query)}`;

/** Every page of a list API that pages with continuationToken ⇄ x-ms-continuationtoken. */
async function readAllPages<T extends z.ZodType>(client: AzureDevOpsClient, url: string, query: Record<string, string>, item: T): Promise<z.infer<T>[]> {
  const items: z.infer<T>[] = [];
  let token: string | null = null;
  for (;;) {
    const { body, continuationToken }: { body: unknown; continuationToken: string | null } = await client.getJson(withQuery(url, token ? { ...query, continuationToken: token } : query));
    items.push(...ListSchema(item).parse(body).value);
    if (!continuationToken || continuationToken === token) return items;
    token = continuationToken;
  }
}

async function readList<T extends z.ZodType>(client: AzureDevOpsClient, url: string, query: Record<string, string>, item: T): Promise<z.infer<T>[]> {
  const { body } = await client.getJson(withQuery(url, query));
  return ListSchema(item).parse(body).value;
}

async function fetchEnvironment(client: AzureDevOpsClient, projectUrl: string, environment: { id: number; name: string }): Promise<EnvironmentInventory> {
  const [checks, records] = await Promise.all([
    readList(client, `${projectUrl}/_apis/pipelines/checks/configurations`, { "api-version": "7.1-preview.1", resourceType: "environment", resourceId: String(environment.id), $expand: "settings" }, CheckConfigurationSchema),
    readList(client, `${projectUrl}/_apis/distributedtask/environments/${environment.id}/environmentdeploymentrecords`, { "api-version": "7.1", top: String(DEPLOYMENT_RECORDS_READ) }, DeploymentRecordSchema),
  ]);
  const deployedBy = [...new Set(records.flatMap((r) => (r.definition ? [r.definition.id] : [])))];
  return { id: environment.id, name: environment.name, checks, deployedBy };
}

async function fetchProject(client: AzureDevOpsClient, project: AdoProjectPayload): Promise<ProjectInventory> {
  const projectUrl = `${client.organizationUrl}/${project.id}`;
  const [repositories, policies, definitions, environments, acls] = await Promise.all([
    readList(client, `${projectUrl}/_apis/git/repositories`, { "api-version": "7.1" }, GitRepositorySchema),
    readAllPages(client, `${projectUrl}/_apis/policy/configurations`, { "api-version": "7.1", $top: String(PAGE_SIZE) }, PolicyConfigurationSchema),
    readAllPages(client, `${projectUrl}/_apis/build/definitions`, { "api-version": "7.1", includeAllProperties: "true", $top: String(PAGE_SIZE) }, BuildDefinitionSchema),
    readAllPages(client, `${projectUrl}/_apis/distributedtask/environments`, { "api-version": "7.1", $top: String(PAGE_SIZE) }, EnvironmentSchema),
    readList(client, `${client.organizationUrl}/_apis/accesscontrollists/${GIT_SECURITY_NAMESPACE}`, { "api-version": "7.1", token: `repoV2/${project.id}`, recurse: "true" }, AccessControlListSchema),
  ]);
  const withChecks = await Promise.all(environments.map((e) => fetchEnvironment(client, projectUrl, e)));
  return { project, repositories, policies: policies.filter((p) => !p.isDeleted), definitions, environments: withChecks, acls };
}

/** The organization's projects, one at a time (their five lists in parallel), and its groups. */
export async function fetchOrganizationInventory(client: AzureDevOpsClient): Promise<OrganizationInventory> {
  const projectList = await readAllPages(client, `${client.organizationUrl}/_apis/projects`, { "api-version": "7.1", $top: String(PAGE_SIZE), stateFilter: "wellFormed" }, ProjectSchema);
  const projects: ProjectInventory[] = [];
  for (const project of projectList) projects.push(await fetchProject(client, project));
  const groups = await readAllPages(client, `${client.identityUrl}/_apis/graph/groups`, { "api-version": "7.1-preview.1" }, GraphGroupSchema);
  return { projects, groups };
}
