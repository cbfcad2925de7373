// What the "Sync status" page shows: the latest run of every stream, its progress against the
// size of the stream's last complete run, throughput and an estimate of the time left.
import { database } from "../db";

export interface StreamStatus {
  connectionName: string;
  source: string;
  stream: string;
  scopeKey: string;
  mode: string;
  status: string;
  itemsSeen: number;
  requestsSpent: number;
  rateLimitRemaining: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** Items the last successful full run of this stream read: the yardstick for progress. */
  expectedItems: number | null;
  /** Items per second over the run so far. */
  throughput: number | null;
  /** Seconds left at the current pace, when the yardstick is known and the run is going. */
  etaSeconds: number | null;
}

interface Row {
  connection_name: string;
  source: string;
  stream: string;
  scope_key: string;
  mode: string;
  status: string;
  items_seen: number;
  requests_spent: number;
  rate_limit_remaining: number | null;
  started_at: Date | null;
  finished_at: Date | null;
  heartbeat_at: Date | null;
  error: string | null;
  expected_items: number | null;
}

/** Latest run per (connection, stream, scope), newest activity first. Counts only: no finding data. */
export async function getSyncStatus(now = new Date()): Promise<StreamStatus[]> {
  const { rows } = await database().pool.query<Row>(`
    SELECT DISTINCT ON (r.connection_id, r.stream, r.scope_key)
           c.display_name AS connection_name, r.source, r.stream, r.scope_key, r.mode, r.status, r.items_seen,
           r.requests_spent, r.rate_limit_remaining, r.started_at, r.finished_at, r.heartbeat_at, r.error,
           (SELECT f.items_seen FROM sync_run f
             WHERE f.connection_id = r.connection_id AND f.stream = r.stream AND f.scope_key = r.scope_key
               AND f.mode = 'full' AND f.status IN ('succeeded', 'partial')
             ORDER BY f.finished_at DESC LIMIT 1) AS expected_items
      FROM sync_run r JOIN connection c ON c.id = r.connection_id
     ORDER BY r.connection_id, r.stream, r.scope_key, r.queued_at DESC`);
  return rows
    .map((r) => {
      const end = r.finished_at ?? r.heartbeat_at ?? now;
      const seconds = r.started_at ? Math.max(0.001, (end.getTime() - r.started_at.getTime()) / 1000) : null;
      const throughput = seconds ? r.items_seen / seconds : null;
      const expected = r.mode === "full" ? r.expected_items : null;
      const eta = r.status === "running" && expected && throughput && throughput > 0 ? Math.max(0, (expected - r.items_seen) / throughput) : null;
      return {
        connectionName: r.connection_name,
        source: r.source,
        stream: r.stream,
        scopeKey: r.scope_key,
        mode: r.mode,
        status: r.status,
        itemsSeen: r.items_seen,
        requestsSpent: r.requests_spent,
        rateLimitRemaining: r.rate_limit_remaining,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        error: r.error,
        expectedItems: r.expected_items,
        throughput: throughput === null ? null : Math.round(throughput * 10) / 10,
        etaSeconds: eta === null ? null : Math.round(eta),
      };
    })
    .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
}

/** How many streams' latest run failed: the header points at Sync status when this is not 0. */
export async function failingStreamCount(): Promise<number> {
  const { rows } = await database().pool.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT DISTINCT ON (connection_id, stream, scope_key) status FROM sync_run
       ORDER BY connection_id, stream, scope_key, queued_at DESC) latest
     WHERE status = 'failed'`);
  return rows[0]?.n ?? 0;
}
