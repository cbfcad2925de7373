// Syncs every org of a GitHub connection: inventory first (alerts are filed under its
// repositories), then the three alert streams side by side.
import { z } from "zod";
import { database } from "../../db";
import { resolveSecret } from "../../sources/secrets";
import { createGitHubClient, memoryTokenCache, type GitHubClient } from "../../sources/github/client";
import { ALERT_STREAMS } from "../../sources/github/alert-streams";
import { syncAlertStream } from "./sync-alert-stream";
import type { ConnectorSyncOptions, StreamSyncSummary } from "../sync-summary";
import { syncInventory } from "./sync-inventory";

/** Non-secret settings of a GitHub App connection: the app and the installations (one per org). */
export const GitHubAppConfig = z.object({
  appId: z.union([z.number(), z.string()]),
  installations: z.array(z.object({ id: z.number().int(), account: z.string() })).min(1),
  tenantId: z.string().optional(),
});
/** Non-secret settings of a token connection: the orgs it reads. */
export const GitHubTokenConfig = z.object({ orgs: z.array(z.string()).min(1), tenantId: z.string().optional() });

export interface OrgTarget {
  login: string;
  /** A fresh client (own request meter) sharing the org's credentials and token cache. */
  newClient(): GitHubClient;
}

/** One client per org: an installation token per org for an App, one token for all otherwise. */
export async function githubTargets(
  connection: { kind: string; baseUrl: string; config: unknown; secretRef: string | null },
  maxRetries?: number,
): Promise<{ targets: OrgTarget[]; tenantId: string }> {
  const secret = await resolveSecret(connection.secretRef);
  if (connection.kind === "github_app") {
    const config = GitHubAppConfig.parse(connection.config);
    return {
      tenantId: config.tenantId ?? "",
      targets: config.installations.map((i) => {
        const cache = memoryTokenCache();
        return {
          login: i.account,
          newClient: () => createGitHubClient({ baseUrl: connection.baseUrl, maxRetries, auth: { kind: "app", appId: config.appId, privateKey: secret, installationId: i.id, cache } }),
        };
      }),
    };
  }
  if (connection.kind === "github_token") {
    const config = GitHubTokenConfig.parse(connection.config);
    const newClient = () => createGitHubClient({ baseUrl: connection.baseUrl, maxRetries, auth: { kind: "token", token: secret } });
    return { tenantId: config.tenantId ?? "", targets: config.orgs.map((login) => ({ login, newClient })) };
  }
  throw new Error(`Connection kind ${connection.kind} is not a GitHub connection`);
}

export type SyncGitHubOptions = ConnectorSyncOptions;

/** Syncs the connection; one summary per (org, stream). */
export async function syncGitHubConnection(connectionId: string, options: SyncGitHubOptions): Promise<StreamSyncSummary[]> {
  const connection = await database().prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const { targets, tenantId } = await githubTargets(connection, options.maxRetries);
  const summaries: StreamSyncSummary[] = [];
  for (const target of targets) {
    const inventory = await syncInventory({ client: target.newClient(), connectionId, login: target.login, tenantId, mode: options.mode, workerId: options.workerId });
    const { organizationId, ...inventorySummary } = inventory;
    summaries.push(inventorySummary);
    options.onProgress?.({ scope: target.login, stream: "inventory", items: inventory.items, requests: inventory.requests });
    const streams = await Promise.all(
      ALERT_STREAMS.map((stream) =>
        syncAlertStream({
          client: target.newClient(),
          connectionId,
          org: { login: target.login, organizationId },
          stream,
          mode: options.mode,
          workerId: options.workerId,
          onPage: (p) => options.onProgress?.({ scope: target.login, ...p }),
        }),
      ),
    );
    summaries.push(...streams);
  }
  return summaries;
}
