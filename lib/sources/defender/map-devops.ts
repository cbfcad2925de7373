// Defender's DevOps security inventory → code-to-cloud links. Security connectors onboard
// GitHub owners and Azure DevOps orgs; their repositories are ARM resources
// (…/securityConnectors/<c>/devops/default/gitHubOwners/<o>/repos/<r>) that Rampart keeps as
// CloudResource rows linked to the Repository it already knows from GitHub or Azure DevOps,
// matched by the platform's repository id first, then by full name.
import { describeIssues } from "../github/map-result";
import { armKey, parseResourceId } from "./arm-id";
import { armReference } from "./normalize";
import { DevOpsResourceSchema, SecurityConnectorSchema } from "./schemas";

export type DevOpsPlatform = "github" | "azure_devops" | "gitlab";

export interface ConnectorRecord {
  id: string;
  resourceGroup: string;
  name: string;
  /** Which inventory the connector has; null for cloud (AWS/GCP) connectors, which have none. */
  platform: DevOpsPlatform | null;
  environmentName: string | null;
}

export interface DevOpsRepoRecord {
  /** The repository's ARM id, lower-cased. */
  resourceId: string;
  subscriptionId: string;
  resourceGroup: string | null;
  type: string;
  platform: DevOpsPlatform;
  /** "owner/repo" on GitHub; "org/project/repo" on Azure DevOps. */
  fullName: string;
  /** The platform's own repository id (GitHub database id, Azure DevOps GUID), when given. */
  repoId: string | null;
  url: string | null;
  onboardingState: string | null;
}

export type DevOpsMapResult<T> = { ok: true; value: T } | { ok: false; reference: string; error: string };

const PLATFORMS: Record<string, DevOpsPlatform> = { github: "github", azuredevops: "azure_devops", gitlab: "gitlab" };

export function mapSecurityConnector(raw: unknown): DevOpsMapResult<ConnectorRecord> {
  const parsed = SecurityConnectorSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const connector = parsed.data;
  const id = parseResourceId(connector.id);
  if (!id?.resourceGroup) return { ok: false, reference: connector.id, error: "not a resource-group-scoped connector id" };
  const environmentName = connector.properties.environmentName ?? null;
  return {
    ok: true,
    value: { id: connector.id, resourceGroup: id.resourceGroup, name: connector.name, platform: PLATFORMS[(environmentName ?? "").toLowerCase()] ?? null, environmentName },
  };
}

/** A repository resource of the inventory; owners, orgs and projects are only walked through. */
export function mapDevOpsRepo(raw: unknown): DevOpsMapResult<DevOpsRepoRecord> {
  const parsed = DevOpsResourceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const resource = parsed.data;
  const id = parseResourceId(resource.id);
  if (!id) return { ok: false, reference: resource.id, error: "not a subscription resource id" };
  const p = resource.properties ?? {};
  const type = resource.type.toLowerCase();
  let platform: DevOpsPlatform;
  let fullName: string;
  if (type.endsWith("/gitHubowners/repos".toLowerCase())) {
    platform = "github";
    fullName = p.repoFullName ?? `${p.parentOwnerName ?? segmentAfter(resource.id, "gitHubOwners")}/${p.repoName ?? resource.name}`;
  } else if (type.endsWith("/azuredevopsorgs/projects/repos")) {
    platform = "azure_devops";
    fullName = `${p.parentOrgName ?? segmentAfter(resource.id, "azureDevOpsOrgs")}/${p.parentProjectName ?? segmentAfter(resource.id, "projects")}/${p.repoName ?? resource.name}`;
  } else if (type.endsWith("/gitlabgroups/projects")) {
    platform = "gitlab";
    fullName = String(p.fullyQualifiedName ?? resource.name).replaceAll("$", "/");
  } else {
    return { ok: false, reference: resource.id, error: `not a repository resource (${resource.type})` };
  }
  return {
    ok: true,
    value: {
      resourceId: armKey(resource.id),
      subscriptionId: id.subscriptionId,
      resourceGroup: id.resourceGroup,
      type: resource.type,
      platform,
      fullName,
      repoId: p.repoId ?? null,
      url: p.repoUrl ?? (typeof p.url === "string" ? p.url : null),
      onboardingState: p.onboardingState ?? null,
    },
  };
}

function segmentAfter(id: string, segment: string): string {
  const parts = id.split("/");
  const at = parts.findIndex((p) => p.toLowerCase() === segment.toLowerCase());
  return at >= 0 ? decodeURIComponent(parts[at + 1] ?? "?") : "?";
}
