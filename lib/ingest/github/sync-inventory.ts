// Syncs one org's inventory stream: repositories (incrementally by updatedAt after the first
// full read), security settings, teams, members and SAML identities, written in one
// transaction with the run's checkpoint.
import { database } from "../../db";
import { beginRun, finishRun, recordProgress, tryLockStream, type StreamKey } from "../sync-runs";
import type { GitHubClient } from "../../sources/github/client";
import { INCREMENTAL_OVERLAP_MS } from "../../sources/github/alert-streams";
import { fetchExternalIdentities, fetchMembers, fetchRepositories, fetchSecurityAndAnalysis, fetchTeams } from "../../sources/github/inventory";
import { markMissingRepositoriesDeleted, updateSecurityAndAnalysis, upsertOrganization, upsertRepositories, writeIdentityLinks, writeTeams } from "./write-inventory";
import type { StreamSyncSummary } from "../sync-summary";

export interface SyncInventoryParams {
  client: GitHubClient;
  connectionId: string;
  login: string;
  tenantId: string;
  mode: "full" | "incremental";
  workerId: string;
}

/** Returns the summary and, on success, the org's Rampart id (alert streams file findings under it). */
export async function syncInventory(params: SyncInventoryParams): Promise<StreamSyncSummary & { organizationId: string | null }> {
  const started = performance.now();
  const key: StreamKey = { connectionId: params.connectionId, source: "github", stream: "inventory", scopeKey: params.login };
  const base = { ...key, source: "github" as const, mode: params.mode, items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0, organizationId: null };
  const lock = await tryLockStream(key);
  if (!lock) return { ...base, status: "locked" };
  const requestsBefore = params.client.meter.requests;
  try {
    const run = await beginRun(key, params.mode, params.workerId);
    const since = (run.checkpoint as { updatedSince?: string } | null)?.updatedSince;
    const incremental = run.mode === "incremental" && since !== undefined;
    try {
      const stopAt = incremental ? new Date(new Date(since).getTime() - INCREMENTAL_OVERLAP_MS) : null;
      const { org, repositories, complete } = await fetchRepositories(params.client, params.login, stopAt);
      const checkpointAt = params.client.meter.firstServerDate?.toISOString() ?? new Date().toISOString();
      const security = await fetchSecurityAndAnalysis(params.client, params.login);
      const teams = await fetchTeams(params.client, params.login);
      const members = await fetchMembers(params.client, params.login);
      const identities = await fetchExternalIdentities(params.client, params.login);

      const client = await database().pool.connect();
      let organizationId: string;
      let changed = 0;
      try {
        await client.query("BEGIN");
        organizationId = await upsertOrganization(client, params.connectionId, org, { members });
        changed += await upsertRepositories(client, organizationId, repositories);
        if (complete && !incremental) changed += await markMissingRepositoriesDeleted(client, organizationId, repositories.map((r) => r.sourceId));
        changed += await updateSecurityAndAnalysis(client, security);
        await writeTeams(client, organizationId, teams);
        await writeIdentityLinks(client, organizationId, params.tenantId, identities);
        const items = repositories.length + security.size + teams.length + members.length + identities.length;
        await recordProgress(client, run, { cursor: null, itemsSeen: items, requests: params.client.meter.requests - requestsBefore, rateLimitRemaining: params.client.meter.rateLimitRemaining }, { created: 0, updated: changed });
        await client.query("COMMIT");
        base.items = items;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
      const truncated = teams.filter((t) => t.truncated).map((t) => t.slug);
      const status = truncated.length ? "partial" : "succeeded";
      await finishRun(run, {
        status,
        checkpoint: { updatedSince: checkpointAt },
        errorCode: truncated.length ? "teams_truncated" : undefined,
        error: truncated.length ? `Teams with more than 100 members or repositories were read in part: ${truncated.join(", ")}` : undefined,
      });
      return { ...base, status, mode: incremental ? "incremental" : "full", updated: changed, organizationId, requests: params.client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "inventory_failed", error: message });
      return { ...base, status: "failed", error: message, requests: params.client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 };
    }
  } finally {
    await lock.release();
  }
}
