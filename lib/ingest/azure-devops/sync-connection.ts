// Syncs an `azure_devops_org` connection: one organization, two streams — the inventory
// (repositories, posture evidence, teams) first, so repositories exist before anything that
// refers to them, then the audit log. Each stream has its own client (its own request meter).
import { database } from "../../db";
import { azureDevOpsClientFor } from "../../sources/azure-devops/client-for-connection";
import type { ConnectorSyncOptions, StreamSyncSummary } from "../sync-summary";
import { AUDIT_STREAM, syncAuditLog } from "./sync-audit-log";
import { INVENTORY_STREAM, syncAdoInventory } from "./sync-inventory";

/** Syncs the connection's streams; one summary per stream. */
export async function syncAzureDevOpsConnection(connectionId: string, options: ConnectorSyncOptions): Promise<StreamSyncSummary[]> {
  const connection = await database().prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const { config, newClient } = await azureDevOpsClientFor(connection, options.maxRetries);
  const wanted = (stream: string) => !options.streams || options.streams.includes(stream);
  const summaries: StreamSyncSummary[] = [];
  if (wanted(INVENTORY_STREAM)) summaries.push(await syncAdoInventory({ client: newClient(), connectionId, mode: options.mode, workerId: options.workerId }));
  if (!wanted(AUDIT_STREAM)) return summaries;
  const auditLog = await syncAuditLog({
    client: newClient(),
    connectionId,
    mode: options.mode,
    workerId: options.workerId,
    overlapMs: config.overlapMinutes * 60_000,
    onPage: (progress) => options.onProgress?.({ scope: config.organization, ...progress }),
  });
  return [...summaries, auditLog];
}
