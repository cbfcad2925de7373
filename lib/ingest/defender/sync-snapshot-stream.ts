// A Defender stream read whole and written in one transaction with its run (secure scores,
// DevOps inventory): small lists where a page-by-page cursor buys nothing.
import type pg from "pg";
import { database } from "../../db";
import { log } from "../../http/log";
import type { DefenderClient } from "../../sources/defender/client";
import type { StreamSyncSummary } from "../sync-summary";
import { beginRun, finishRun, recordProgress, tryLockStream, type StreamKey } from "../sync-runs";

export interface SnapshotRead<T> {
  data: T;
  items: number;
  /** Records that could not be mapped, with the reason. */
  failures: string[];
}

export interface SnapshotStream<T> {
  stream: string;
  read(client: DefenderClient): Promise<SnapshotRead<T>>;
  /** Writes inside the run's transaction; returns rows created or changed. */
  write(db: pg.ClientBase, data: T, context: { connectionId: string; subscriptionId: string; capturedAt: Date }): Promise<number>;
}

export async function syncSnapshotStream<T>(client: DefenderClient, connectionId: string, workerId: string, stream: SnapshotStream<T>): Promise<StreamSyncSummary> {
  const started = performance.now();
  const subscriptionId = client.subscriptionId.toLowerCase();
  const key: StreamKey = { connectionId, source: "defender", stream: stream.stream, scopeKey: subscriptionId };
  const summary: StreamSyncSummary = { ...key, status: "succeeded", mode: "full", items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0 };
  const lock = await tryLockStream(key);
  if (!lock) return { ...summary, status: "locked" };
  const requestsBefore = client.meter.requests;
  const finish = (partial: Partial<StreamSyncSummary>) => ({ ...summary, ...partial, requests: client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 });
  try {
    const run = await beginRun(key, "full", workerId);
    let read: SnapshotRead<T>;
    let changed = 0;
    try {
      read = await stream.read(client);
      const capturedAt = client.meter.firstServerDate ?? new Date();
      const db = await database().pool.connect();
      try {
        await db.query("BEGIN");
        changed = await stream.write(db, read.data, { connectionId, subscriptionId, capturedAt });
        await recordProgress(db, run, { cursor: null, itemsSeen: read.items, requests: client.meter.requests - requestsBefore, rateLimitRemaining: client.meter.rateLimitRemaining }, { created: changed, updated: 0 });
        await db.query("COMMIT");
      } catch (error) {
        await db.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        db.release();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "fetch_failed", error: message });
      log("error", "defender stream sync failed", { ...key, error: message });
      return finish({ status: "failed", error: message });
    }
    const status = read.failures.length ? "partial" : "succeeded";
    await finishRun(run, {
      status,
      checkpoint: { readAt: (client.meter.firstServerDate ?? new Date()).toISOString() },
      errorCode: read.failures.length ? "unmapped_records" : undefined,
      error: read.failures.length ? `${read.failures.length} record(s) could not be mapped: ${read.failures.slice(0, 20).join(" | ")}` : undefined,
    });
    return finish({ status, items: read.items, created: changed, unmapped: read.failures.length });
  } finally {
    await lock.release();
  }
}
