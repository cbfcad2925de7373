// Syncs one ADO organization's inventory stream: repositories with their posture evidence and
// the groups that reach them as teams. The APIs cannot list changes since a time, so every run
// (incremental too) is a full read — cheap: a handful of requests per project. Everything is
// read before anything is written, and written in one transaction with the run's checkpoint,
// so a failed read leaves the previous sync's state whole and never marks repositories deleted.
import { database } from "../../db";
import { log } from "../../http/log";
import type { AzureDevOpsClient } from "../../sources/azure-devops/client";
import { fetchOrganizationIdentity } from "../../sources/azure-devops/audit-log";
import { fetchOrganizationInventory } from "../../sources/azure-devops/inventory";
import { mapOrganizationInventory } from "../../sources/azure-devops/map-inventory";
import { beginRun, finishRun, recordProgress, tryLockStream, type StreamKey } from "../sync-runs";
import type { StreamSyncSummary } from "../sync-summary";
import { upsertAdoOrganization } from "./write-audit-events";
import { markMissingAdoRepositoriesDeleted, upsertAdoRepositories, writeAdoTeams } from "./write-inventory";

export const INVENTORY_STREAM = "inventory";

export interface SyncAdoInventoryParams {
  client: AzureDevOpsClient;
  connectionId: string;
  mode: "full" | "incremental";
  workerId: string;
}

/** Syncs the stream; one summary (`items` = repositories + teams written). */
export async function syncAdoInventory(params: SyncAdoInventoryParams): Promise<StreamSyncSummary> {
  const started = performance.now();
  const { client } = params;
  const key: StreamKey = { connectionId: params.connectionId, source: "azure_devops", stream: INVENTORY_STREAM, scopeKey: client.organization };
  const summary: StreamSyncSummary = { ...key, status: "succeeded", mode: "full", items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0 };
  const lock = await tryLockStream(key);
  if (!lock) return { ...summary, mode: params.mode, status: "locked" };
  const requestsBefore = client.meter.requests;
  const finish = (): StreamSyncSummary => ({ ...summary, requests: client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 });
  try {
    const run = await beginRun(key, params.mode, params.workerId);
    try {
      const identity = await fetchOrganizationIdentity(client);
      const inventory = await fetchOrganizationInventory(client);
      const { repositories, teams } = mapOrganizationInventory(client.organization, inventory);
      const db = await database().pool.connect();
      try {
        await db.query("BEGIN");
        const organizationId = await upsertAdoOrganization(db, params.connectionId, { sourceId: identity.id, name: identity.name, url: identity.url });
        let changed = await upsertAdoRepositories(db, organizationId, repositories);
        changed += await markMissingAdoRepositoriesDeleted(db, organizationId, repositories.map((r) => r.sourceId));
        changed += await writeAdoTeams(db, organizationId, teams);
        summary.items = repositories.length + teams.length;
        summary.updated = changed;
        await recordProgress(db, run, { cursor: null, itemsSeen: summary.items, requests: client.meter.requests - requestsBefore, rateLimitRemaining: client.meter.rateLimitRemaining }, { created: 0, updated: changed });
        await db.query("COMMIT");
      } catch (error) {
        await db.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        db.release();
      }
      await finishRun(run, { status: "succeeded", checkpoint: { syncedAt: (identity.serverDate ?? new Date()).toISOString() } });
      return finish();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "inventory_failed", error: message, requests: client.meter.requests - requestsBefore });
      log("error", "azure devops inventory sync failed", { ...key, error: message });
      return { ...finish(), status: "failed", error: message };
    }
  } finally {
    await lock.release();
  }
}
