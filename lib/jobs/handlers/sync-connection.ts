// Runs one connection's sync. Idempotent: streams reconcile, locked streams are skipped, and a
// retry resumes from the committed cursors.
import type PgBoss from "pg-boss";
import { database } from "../../db";
import { log } from "../../http/log";
import { connectorFor } from "../../ingest/connectors";
import { JOBS, SyncConnectionPayload, type ScorePosturePayload } from "../names";

/**
 * Throws when a stream failed, so the queue retries the job with backoff. After a successful
 * sync it queues a scoring run (when given the queue), so scores follow the new data.
 */
export async function handleSyncConnection(data: unknown, workerId: string, boss?: Pick<PgBoss, "send">): Promise<{ streams: number }> {
  const payload = SyncConnectionPayload.parse(data);
  const connection = await database().prisma.connection.findUnique({ where: { id: payload.connectionId }, select: { kind: true, enabled: true } });
  if (!connection || !connection.enabled) {
    log("info", "sync skipped: connection gone or disabled", { connectionId: payload.connectionId });
    return { streams: 0 };
  }
  const sync = connectorFor(connection.kind);
  if (!sync) {
    log("info", "sync skipped: no connector for this kind yet", { connectionId: payload.connectionId, kind: connection.kind });
    return { streams: 0 };
  }
  const summaries = await sync(payload.connectionId, { mode: payload.mode, workerId });
  const failed = summaries.filter((s) => s.status === "failed");
  log("info", "sync finished", { connectionId: payload.connectionId, mode: payload.mode, streams: summaries.length, failed: failed.length });
  if (failed.length) throw new Error(`${failed.length} stream(s) failed: ${failed.map((f) => `${f.scopeKey}/${f.stream}: ${f.error}`).join("; ")}`);
  if (boss) {
    const scoring: ScorePosturePayload = { reason: "sync", connectionId: payload.connectionId };
    await boss.send(JOBS.scorePosture, scoring, { singletonKey: "score-posture" });
    // Findings may have been fixed: linked work items follow.
    await boss.send(JOBS.syncWorkItems, { reason: "sync" }, { singletonKey: "sync-work-items" });
  }
  return { streams: summaries.length };
}
