// Syncs an `azure_devops_org` connection: one organization, one stream (the audit log).
import { database } from "../../db";
import { azureDevOpsClientFor } from "../../sources/azure-devops/client-for-connection";
import type { ConnectorSyncOptions, StreamSyncSummary } from "../sync-summary";
import { syncAuditLog } from "./sync-audit-log";

/** Syncs the connection's audit log; one summary. */
export async function syncAzureDevOpsConnection(connectionId: string, options: ConnectorSyncOptions): Promise<StreamSyncSummary[]> {
  const connection = await database().prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const { config, newClient } = await azureDevOpsClientFor(connection, options.maxRetries);
  const summary = await syncAuditLog({
    client: newClient(),
    connectionId,
    mode: options.mode,
    workerId: options.workerId,
    overlapMs: config.overlapMinutes * 60_000,
    onPage: (progress) => options.onProgress?.({ scope: config.organization, ...progress }),
  });
  return [summary];
}
