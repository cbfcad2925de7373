// Syncs one ADO organization's audit log. The first run (and every --full run) backfills the
// whole retained log (90 days); later runs read from the last watermark minus an overlap,
// because the service can publish entries late. Each window ends at the service's clock when
// the run began. Entries are de-duplicated by id on insert, so overlaps and repeats cost reads
// but never rows. The cursor (window + continuation token) is committed with each page, so a
// crashed or failed run resumes on the page after the last one it stored.
import type { StreamSyncSummary } from "../sync-summary";
import { beginRun, finishRun, tryLockStream, type StreamKey, type SyncRun } from "../sync-runs";
import { log } from "../../http/log";
import { AzureDevOpsRequestError, type AzureDevOpsClient } from "../../sources/azure-devops/client";
import { AUDIT_RETENTION_MS, fetchAuditLogPages, fetchOrganizationIdentity, type AuditWindow } from "../../sources/azure-devops/audit-log";
import { mapAuditEntry, type AuditEventRecord } from "../../sources/azure-devops/map-audit-entry";
import { commitAuditPage, upsertAdoOrganization } from "./write-audit-events";
import { database } from "../../db";

export const AUDIT_STREAM = "audit-log";

interface AuditCursor {
  window: AuditWindow;
  /** Token of the page after the last committed one; null before the first page. */
  continuationToken: string | null;
}

interface AuditCheckpoint {
  /** Everything the service had published before this time has been read. */
  watermark: string;
}

export interface SyncAuditLogParams {
  client: AzureDevOpsClient;
  connectionId: string;
  mode: "full" | "incremental";
  workerId: string;
  overlapMs: number;
  onPage?: (progress: { stream: string; items: number; requests: number }) => void;
}

/**
 * The Date header has one-second resolution: the service's true time is within the second
 * after it, so the window ends a second later (the overlap covers anything published late).
 */
function windowEnd(serverDate: Date | null): string {
  return new Date((serverDate ?? new Date()).getTime() + 1000).toISOString();
}

/** The window a fresh run reads: the retained log (full) or the watermark minus the overlap. */
function planWindow(run: SyncRun, end: string, overlapMs: number): AuditWindow {
  const watermark = (run.checkpoint as AuditCheckpoint | null)?.watermark;
  if (run.mode !== "incremental" || !watermark) return { start: null, end };
  const retentionStart = Date.parse(end) - AUDIT_RETENTION_MS;
  return { start: new Date(Math.max(Date.parse(watermark) - overlapMs, retentionStart)).toISOString(), end };
}

async function ensureOrganization(client: AzureDevOpsClient, connectionId: string) {
  const identity = await fetchOrganizationIdentity(client);
  const db = await database().pool.connect();
  try {
    const organizationId = await upsertAdoOrganization(db, connectionId, { sourceId: identity.id, name: identity.name, url: identity.url });
    return { organizationId, serverDate: identity.serverDate };
  } finally {
    db.release();
  }
}

/** Syncs the stream; one summary. */
export async function syncAuditLog(params: SyncAuditLogParams): Promise<StreamSyncSummary> {
  const started = performance.now();
  const { client } = params;
  const key: StreamKey = { connectionId: params.connectionId, source: "azure_devops", stream: AUDIT_STREAM, scopeKey: client.organization };
  const summary: StreamSyncSummary = { ...key, status: "succeeded", mode: params.mode, items: 0, requests: 0, created: 0, updated: 0, unmapped: 0, seconds: 0 };
  const lock = await tryLockStream(key);
  if (!lock) return { ...summary, status: "locked" };
  const requestsBefore = client.meter.requests;
  let committedRequests = requestsBefore;
  const spent = () => client.meter.requests - committedRequests;
  const finish = () => ({ ...summary, requests: client.meter.requests - requestsBefore, seconds: (performance.now() - started) / 1000 });
  try {
    const run = await beginRun(key, params.mode, params.workerId);
    summary.mode = run.mode === "incremental" ? "incremental" : "full";
    const failures: string[] = [];
    let watermark = "";
    try {
      const { organizationId, serverDate } = await ensureOrganization(client, params.connectionId);
      const resumed = run.cursor as AuditCursor | null;
      const window = resumed?.window ?? planWindow(run, windowEnd(serverDate), params.overlapMs);
      watermark = window.end;
      let token = resumed?.continuationToken ?? null;
      if (resumed) log("info", "audit log sync resumes from its cursor", { ...key, window, resumedFromToken: Boolean(token) });
      for (let attempt = 0; ; attempt++) {
        try {
          for await (const page of fetchAuditLogPages(client, window, token)) {
            const records: AuditEventRecord[] = [];
            for (const raw of page.entries) {
              const result = mapAuditEntry(raw);
              if (result.ok) records.push(result.record);
              else failures.push(`${result.reference}: ${result.error}`);
            }
            const created = await commitAuditPage(run, { organizationId, connectionId: params.connectionId }, records, {
              cursor: { window, continuationToken: page.next } satisfies AuditCursor,
              itemsSeen: page.entries.length,
              requests: spent(),
              rateLimitRemaining: client.meter.rateLimitRemaining,
            });
            committedRequests = client.meter.requests;
            token = page.next;
            summary.items += page.entries.length;
            summary.created += created;
            params.onPage?.({ stream: AUDIT_STREAM, items: summary.items, requests: client.meter.requests - requestsBefore });
          }
          break;
        } catch (error) {
          // A saved token the service no longer accepts (its entry aged out of retention, or
          // the service rotated its format): read the window again from the top; stored
          // entries are skipped on insert, so this costs requests, never duplicates.
          const staleToken = attempt === 0 && token !== null && error instanceof AzureDevOpsRequestError && error.status === 400;
          if (!staleToken) throw error;
          log("warn", "audit log continuation token refused; rereading the window", { ...key, error: error.message });
          token = null;
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await finishRun(run, { status: "failed", errorCode: "fetch_failed", error: message, requests: spent() });
      log("error", "audit log sync failed", { ...key, error: message });
      return { ...finish(), status: "failed", error: message };
    }
    summary.unmapped = failures.length;
    summary.status = failures.length ? "partial" : "succeeded";
    await finishRun(run, {
      status: summary.status,
      checkpoint: { watermark } satisfies AuditCheckpoint,
      errorCode: failures.length ? "unmapped_records" : undefined,
      error: failures.length ? `${failures.length} audit entr${failures.length === 1 ? "y" : "ies"} could not be mapped: ${failures.slice(0, 20).join(" | ")}` : undefined,
      requests: spent(),
    });
    return finish();
  } finally {
    await lock.release();
  }
}
