// Syncs one GHAS alert stream of one org: pages from GitHub, mapped, reconciled in batches with
// the run's cursor, then the checkpoint. Resumable, lock-protected, idempotent.
import type { NormalizedFinding } from "../normalized-finding";
import type { StreamSyncSummary } from "../sync-summary";
import { beginRun, commitFindingsPage, finishRun, tryLockStream, type StreamKey } from "../sync-runs";
import type { GitHubClient } from "../../sources/github/client";
import { fetchAlertPages, type AlertFetchPlan, type AlertStream } from "../../sources/github/alert-streams";
import { log } from "../../http/log";

interface AlertCursor {
  next: string | null;
  /** Source time when the (possibly resumed) full pass began: the checkpoint it earns. */
  startedAt: string | null;
}

export interface SyncAlertStreamParams {
  client: GitHubClient;
  connectionId: string;
  org: { login: string; organizationId: string | null };
  stream: AlertStream;
  mode: "full" | "incremental";
  workerId: string;
  onPage?: (progress: { stream: string; items: number; requests: number }) => void;
}

export async function syncAlertStream(params: SyncAlertStreamParams): Promise<StreamSyncSummary> {
  const started = performance.now();
  const key: StreamKey = { connectionId: params.connectionId, source: "github", stream: params.stream.stream, scopeKey: params.org.login };
  const summary: StreamSyncSummary = { ...key, source: "github", status: "succeeded", mode: params.mode, items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0 };
  const lock = await tryLockStream(key);
  if (!lock) return { ...summary, status: "locked" };
  const requestsBefore = params.client.meter.requests;
  try {
    const run = await beginRun(key, params.mode, params.workerId);
    const resumed = (run.cursor ?? null) as AlertCursor | null;
    const updatedSince = (run.checkpoint as { updatedSince?: string } | null)?.updatedSince;
    const plan: AlertFetchPlan =
      run.mode === "incremental" && updatedSince
        ? { mode: "incremental", updatedSince: new Date(updatedSince) }
        : { mode: "full", resumeFrom: resumed?.next ?? null };
    summary.mode = plan.mode;
    let startedAt = resumed?.startedAt ?? null;
    const failures: string[] = [];
    let committedRequests = params.client.meter.requests;
    try {
      for await (const page of fetchAlertPages(params.client, params.stream, params.org.login, plan)) {
        startedAt ??= params.client.meter.firstServerDate?.toISOString() ?? new Date().toISOString();
        const findings: NormalizedFinding[] = [];
        for (const item of page.items) {
          const result = params.stream.map(item);
          if (result.ok) findings.push(result.finding);
          else failures.push(`${result.reference}: ${result.error}`);
        }
        const written = await commitFindingsPage(
          run,
          findings,
          {
            cursor: { next: page.next, startedAt } satisfies AlertCursor,
            itemsSeen: page.items.length,
            requests: params.client.meter.requests - committedRequests,
            rateLimitRemaining: params.client.meter.rateLimitRemaining,
          },
          { organizationId: params.org.organizationId, observedAt: new Date() },
        );
        committedRequests = params.client.meter.requests;
        summary.items += page.items.length;
        summary.created += written.created;
        summary.updated += written.updated;
        params.onPage?.({ stream: key.stream, items: summary.items, requests: params.client.meter.requests - requestsBefore });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "fetch_failed", error: message, requests: params.client.meter.requests - committedRequests });
      log("error", "alert stream sync failed", { ...key, error: message });
      return { ...summary, status: "failed", error: message, requests: params.client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 };
    }
    summary.unmapped = failures.length;
    summary.status = failures.length ? "partial" : "succeeded";
    await finishRun(run, {
      status: summary.status,
      checkpoint: { updatedSince: plan.mode === "incremental" ? (params.client.meter.firstServerDate?.toISOString() ?? updatedSince) : startedAt },
      errorCode: failures.length ? "unmapped_records" : undefined,
      error: failures.length ? `${failures.length} record(s) could not be mapped: ${failures.slice(0, 20).join(" | ")}` : undefined,
      requests: params.client.meter.requests - committedRequests,
    });
    summary.requests = params.client.meter.requests - requestsBefore;
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  } finally {
    await lock.release();
  }
}
