// Runs one connection's sync. Idempotent: streams reconcile, locked streams are skipped, and a
// retry resumes from the committed cursors.
import { database } from "../../db";
import { log } from "../../http/log";
import { connectorFor } from "../../ingest/connectors";
import { SyncConnectionPayload } from "../names";

/** Throws when a stream failed, so the queue retries the job with backoff. */
export async function handleSyncConnection(data: unknown, workerId: string): Promise<{ streams: number }> {
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
  return { streams: summaries.length };
}
