// Which credentials reach a work item's home: the GitHub connection that synced the
// repository's organization (its App installation or token for that org), or the Azure DevOps
// connection of the Boards organization. Clients are built per call; nothing is cached across jobs.
import * as azdev from "azure-devops-node-api";
import type { IWorkItemTrackingApi } from "azure-devops-node-api/WorkItemTrackingApi";
import { database } from "../db";
import { ValidationError } from "../http/errors";
import { githubTargets } from "../ingest/github/sync-connection";
import { azureDevOpsConfigOf } from "../sources/azure-devops/client-for-connection";
import { AZURE_DEVOPS_SCOPE, azureDevOpsCredential } from "../sources/azure-devops/credential";
import { resolveSecret } from "../sources/secrets";
import type { GitHubOctokit } from "../sources/github/client";

/** A 400 to the caller: the fix is a connection an admin adds, not a retry. */
export class NoConnectionError extends ValidationError {
  constructor(what: string) {
    super(`No enabled connection reaches ${what}; add one under Admin → Connections.`);
    this.name = "NoConnectionError";
  }
}

interface ConnectionRow {
  id: string;
  kind: string;
  baseUrl: string;
  config: unknown;
  secretRef: string | null;
}

/** An Octokit for GitHub org `login` through connection `connectionId`. */
export async function githubClientFor(connectionId: string | null, login: string): Promise<GitHubOctokit> {
  const connection = connectionId ? await database().prisma.connection.findFirst({ where: { id: connectionId, enabled: true } }) : null;
  if (!connection) throw new NoConnectionError(`the GitHub organization ${login}`);
  const { targets } = await githubTargets(connection);
  const target = targets.find((t) => t.login.toLowerCase() === login.toLowerCase());
  if (!target) throw new NoConnectionError(`the GitHub organization ${login}`);
  return target.newClient().octokit;
}

/** The enabled Azure DevOps connection for `organization` (case-insensitive). */
async function azureDevOpsConnection(organization: string): Promise<ConnectionRow> {
  const rows = await database().prisma.$queryRaw<ConnectionRow[]>`
    SELECT id, kind::text AS kind, base_url AS "baseUrl", config, secret_ref AS "secretRef"
      FROM connection
     WHERE kind = 'azure_devops_org' AND enabled AND lower(config->>'organization') = lower(${organization})
     ORDER BY created_at LIMIT 1`;
  if (!rows[0]) throw new NoConnectionError(`the Azure DevOps organization ${organization}`);
  return rows[0];
}

/** WorkItemTrackingApi for `organization`, signed in the way its connection says (Entra or PAT). */
export async function boardsClientFor(organization: string): Promise<IWorkItemTrackingApi> {
  const connection = await azureDevOpsConnection(organization);
  const config = azureDevOpsConfigOf(connection);
  let handler;
  if (config.auth === "pat") {
    handler = azdev.getPersonalAccessTokenHandler(await resolveSecret(connection.secretRef));
  } else {
    const secret = connection.secretRef ? await resolveSecret(connection.secretRef) : null;
    const token = await azureDevOpsCredential(config, secret).getToken(AZURE_DEVOPS_SCOPE);
    if (!token) throw new NoConnectionError(`the Azure DevOps organization ${organization} (no token)`);
    handler = azdev.getBearerHandler(token.token);
  }
  const orgUrl = `${connection.baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(config.organization)}`;
  // Retries only repeat idempotent requests, so a create is never sent twice.
  return new azdev.WebApi(orgUrl, handler, { allowRetries: true, maxRetries: 3 }).getWorkItemTrackingApi();
}
