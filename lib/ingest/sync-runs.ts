// Sync runs and checkpoints. A run is one sync of one stream of one connection scope; its
// cursor moves in the same transaction as the data it covers, so a crash resumes exactly where
// the last committed page ended. A per-stream advisory lock keeps two workers off one stream.
import type pg from "pg";
import { database, inTransaction } from "../db";
import { reconcileFindings, type ReconcileResult } from "./reconcile-findings";
import type { NormalizedFinding } from "./normalized-finding";

export type SourceName = "github" | "defender" | "azure_devops" | "azure_policy";

export interface StreamKey {
  connectionId: string;
  source: SourceName;
  stream: string;
  scopeKey: string;
}

export interface SyncRun {
  id: string;
  key: StreamKey;
  mode: "full" | "incremental" | "webhook";
  /** Where to continue from: the cursor a crashed run of this stream committed last. */
  cursor: unknown;
  /** The stream's committed high-water mark from the last successful run, if any. */
  checkpoint: unknown;
  lastFullSyncAt: Date | null;
}

export interface StreamLock {
  release(): Promise<void>;
}

/** Advisory-lock key of a stream: 64-bit hash of its identity (a separate key space from Prisma's). */
function lockKey(key: StreamKey): string {
  return `rampart-sync:${key.connectionId}:${key.stream}:${key.scopeKey}`;
}

/**
 * Takes the stream's lock on a dedicated connection, or returns null when another worker holds
 * it. (On the embedded database every connection shares one session, so this only excludes
 * across processes on a real server.)
 */
export async function tryLockStream(key: StreamKey): Promise<StreamLock | null> {
  const client = await database().lockPool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [lockKey(key)]);
    if (!rows[0]?.locked) {
      client.release();
      return null;
    }
  } catch (error) {
    client.release();
    throw error;
  }
  return {
    async release() {
      try {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(key)]);
      } finally {
        client.release();
      }
    },
  };
}

/**
 * Starts a run. Call it holding the stream lock: a run still marked running then belongs to a
 * worker that died, so it is closed as failed. The new run resumes from the cursor of the
 * stream's latest run when that one failed part-way (dead worker, or a page that kept failing).
 */
export async function beginRun(key: StreamKey, mode: SyncRun["mode"], workerId: string): Promise<SyncRun> {
  const { pool } = database();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `UPDATE sync_run SET status = 'failed', finished_at = now(), error_code = 'worker_stopped',
              error = 'The worker stopped before the run finished; a later run resumed from its cursor.'
        WHERE connection_id = $1 AND stream = $2 AND scope_key = $3 AND status IN ('running', 'queued')`,
      [key.connectionId, key.stream, key.scopeKey],
    );
    const checkpoint = await client.query<{ position: unknown; last_full_sync_at: Date | null }>(
      `SELECT position, last_full_sync_at FROM sync_checkpoint WHERE connection_id = $1 AND stream = $2 AND scope_key = $3`,
      [key.connectionId, key.stream, key.scopeKey],
    );
    // An incremental run needs a checkpoint; the first run of a stream is a full one.
    const effectiveMode = mode === "incremental" && checkpoint.rows.length === 0 ? "full" : mode;
    // Resume where the stream's latest run stopped — a dead worker's (just closed above) or one
    // that failed on a page — unless it finished.
    const latest = await client.query<{ cursor: unknown; mode: string; status: string }>(
      `SELECT cursor, mode, status FROM sync_run WHERE connection_id = $1 AND stream = $2 AND scope_key = $3
        ORDER BY queued_at DESC LIMIT 1`,
      [key.connectionId, key.stream, key.scopeKey],
    );
    const last = latest.rows[0];
    const resumable = last && last.status === "failed" && last.mode === effectiveMode && last.cursor !== null ? last : undefined;
    const run = await client.query<{ id: string }>(
      `INSERT INTO sync_run (connection_id, source, stream, scope_key, mode, status, cursor, worker_id, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, now(), now()) RETURNING id`,
      [key.connectionId, key.source, key.stream, key.scopeKey, effectiveMode, resumable ? JSON.stringify(resumable.cursor) : null, workerId],
    );
    await client.query("COMMIT");
    return {
      id: run.rows[0]!.id,
      key,
      mode: effectiveMode,
      cursor: resumable?.cursor ?? null,
      checkpoint: checkpoint.rows[0]?.position ?? null,
      lastFullSyncAt: checkpoint.rows[0]?.last_full_sync_at ?? null,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export interface PageProgress {
  /** Where the next page starts; committed with the page's data. */
  cursor: unknown;
  itemsSeen: number;
  requests: number;
  rateLimitRemaining: number | null;
}

/** Writes one page of findings and moves the run's cursor, atomically. */
export async function commitFindingsPage(
  run: SyncRun,
  findings: NormalizedFinding[],
  progress: PageProgress,
  context: { organizationId: string | null; observedAt: Date },
): Promise<ReconcileResult> {
  return inTransaction(async (client) => {
    const result = await reconcileFindings(client, findings, { connectionId: run.key.connectionId, organizationId: context.organizationId, syncRunId: run.id, observedAt: context.observedAt });
    await recordProgress(client, run, progress, { created: result.created, updated: result.updated });
    return result;
  });
}

/** Adds a page's counts to the run and moves its cursor (inside the caller's transaction). */
export async function recordProgress(client: pg.ClientBase, run: SyncRun, progress: PageProgress, written: { created: number; updated: number }): Promise<void> {
  await client.query(
    `UPDATE sync_run SET cursor = $2, items_seen = items_seen + $3, items_created = items_created + $4,
            items_updated = items_updated + $5, requests_spent = requests_spent + $6,
            rate_limit_remaining = COALESCE($7, rate_limit_remaining), heartbeat_at = now()
      WHERE id = $1`,
    [run.id, JSON.stringify(progress.cursor ?? null), progress.itemsSeen, written.created, written.updated, progress.requests, progress.rateLimitRemaining],
  );
}

/**
 * Ends a run. On success the stream's checkpoint moves to `checkpoint` in the same
 * transaction, and the cursor is cleared so the next run starts fresh.
 */
export async function finishRun(
  run: SyncRun,
  outcome: { status: "succeeded" | "partial" | "failed" | "cancelled"; checkpoint?: unknown; errorCode?: string; error?: string; requests?: number },
): Promise<void> {
  const client = await database().pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `UPDATE sync_run SET status = $2::sync_status, finished_at = now(), heartbeat_at = now(), error_code = $3, error = $4,
              requests_spent = requests_spent + $5, cursor = CASE WHEN $2::sync_status IN ('succeeded', 'partial') THEN NULL ELSE cursor END
        WHERE id = $1`,
      [run.id, outcome.status, outcome.errorCode ?? null, outcome.error?.slice(0, 4000) ?? null, outcome.requests ?? 0],
    );
    if ((outcome.status === "succeeded" || outcome.status === "partial") && outcome.checkpoint !== undefined) {
      await client.query(
        `INSERT INTO sync_checkpoint (connection_id, stream, scope_key, position, last_full_sync_at, updated_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5::text = 'full' THEN now() END, now())
         ON CONFLICT (connection_id, stream, scope_key) DO UPDATE SET position = EXCLUDED.position,
           last_full_sync_at = COALESCE(EXCLUDED.last_full_sync_at, sync_checkpoint.last_full_sync_at), updated_at = now()`,
        [run.key.connectionId, run.key.stream, run.key.scopeKey, JSON.stringify(outcome.checkpoint), run.mode],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
