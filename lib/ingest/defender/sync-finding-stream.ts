// Syncs one Defender finding stream of one subscription: pages mapped and reconciled with the
// run's cursor (the nextLink to continue from), then — when the whole list was read in this
// run — findings Defender no longer lists are closed. Every run reads the whole list (the APIs
// have no "changed since"), so runs are recorded as full; resumable, lock-protected, idempotent.
import { database } from "../../db";
import { log } from "../../http/log";
import { armKey } from "../../sources/defender/arm-id";
import type { DefenderClient } from "../../sources/defender/client";
import type { NormalizedFinding } from "../normalized-finding";
import type { StreamSyncSummary } from "../sync-summary";
import { beginRun, commitFindingsPage, finishRun, tryLockStream, type StreamKey } from "../sync-runs";
import { closeUnseenFindings } from "./close-unseen-findings";
import type { FindingStream } from "./finding-streams";
import { upsertCloudResources } from "./write-cloud-resources";

interface StreamCursor {
  next: string | null;
  /** Whether this pass began at page one; only such a pass may close unlisted findings. */
  fromFirstPage: boolean;
}

export interface SyncFindingStreamParams {
  client: DefenderClient;
  connectionId: string;
  stream: FindingStream;
  workerId: string;
  onPage?: (progress: { stream: string; items: number; requests: number }) => void;
}

const idOf = (raw: unknown) => {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" ? armKey(id) : null;
};

export async function syncFindingStream(params: SyncFindingStreamParams): Promise<StreamSyncSummary> {
  const started = performance.now();
  const { client } = params;
  const subscriptionId = client.subscriptionId.toLowerCase();
  const key: StreamKey = { connectionId: params.connectionId, source: "defender", stream: params.stream.stream, scopeKey: subscriptionId };
  const summary: StreamSyncSummary = { ...key, status: "succeeded", mode: "full", items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0 };
  const lock = await tryLockStream(key);
  if (!lock) return { ...summary, status: "locked" };
  const requestsBefore = client.meter.requests;
  let committedRequests = requestsBefore;
  const spent = () => client.meter.requests - committedRequests;
  try {
    const run = await beginRun(key, "full", params.workerId);
    const resumed = run.cursor as StreamCursor | null;
    const fromFirstPage = resumed?.fromFirstPage !== false && !resumed?.next;
    const failures: string[] = [];
    const seen: string[] = [];
    try {
      const mapper = await params.stream.prepare(client);
      failures.push(...mapper.problems);
      let warnings = 0;
      for await (const page of params.stream.pages(client, resumed?.next ?? null)) {
        const observedAt = new Date();
        const findings: NormalizedFinding[] = [];
        for (const item of page.items) {
          const id = idOf(item);
          if (id) seen.push(id);
          const result = mapper.map(item, observedAt);
          if (result.ok) {
            findings.push(result.finding);
            warnings += result.warnings.length;
          } else failures.push(`${result.reference}: ${result.error}`);
        }
        const db = await database().pool.connect();
        try {
          await upsertCloudResources(db, params.connectionId, findings.flatMap((f) => (f.cloudResourceId ? [f.cloudResourceId] : [])));
        } finally {
          db.release();
        }
        const written = await commitFindingsPage(
          run,
          findings,
          { cursor: { next: page.next, fromFirstPage } satisfies StreamCursor, itemsSeen: page.items.length, requests: spent(), rateLimitRemaining: client.meter.rateLimitRemaining },
          { organizationId: null, observedAt },
        );
        committedRequests = client.meter.requests;
        summary.items += page.items.length;
        summary.created += written.created;
        summary.updated += written.updated;
        params.onPage?.({ stream: key.stream, items: summary.items, requests: client.meter.requests - requestsBefore });
      }
      if (warnings) log("warn", "defender records mapped with fallbacks", { ...key, warnings });
      if (fromFirstPage && params.stream.closesUnlisted) {
        const db = await database().pool.connect();
        try {
          summary.updated += await closeUnseenFindings(db, { connectionId: params.connectionId, subscriptionId, sourceIdPattern: params.stream.closesUnlisted, seenSourceIds: seen, syncRunId: run.id, observedAt: new Date() });
        } finally {
          db.release();
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "fetch_failed", error: message, requests: spent() });
      log("error", "defender stream sync failed", { ...key, error: message });
      return { ...summary, status: "failed", error: message, requests: client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 };
    }
    summary.unmapped = failures.length;
    summary.status = failures.length ? "partial" : "succeeded";
    await finishRun(run, {
      status: summary.status,
      checkpoint: { readAt: client.meter.firstServerDate?.toISOString() ?? new Date().toISOString() },
      errorCode: failures.length ? "unmapped_records" : undefined,
      error: failures.length ? `${failures.length} record(s) could not be mapped: ${failures.slice(0, 20).join(" | ")}` : undefined,
      requests: spent(),
    });
    summary.requests = client.meter.requests - requestsBefore;
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  } finally {
    await lock.release();
  }
}
