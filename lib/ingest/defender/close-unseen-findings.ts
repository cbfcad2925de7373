// Defender stops listing an assessment or sub-assessment when its resource is gone or the
// vulnerability is patched; it never says "closed". After a complete read, the stream's open
// findings in that subscription that were not listed are resolved, each with its event.
import type pg from "pg";

export interface CloseUnseenParams {
  connectionId: string;
  subscriptionId: string;
  /** Which of the connection's findings belong to the stream: a regex on the source id. */
  sourceIdPattern: string;
  seenSourceIds: string[];
  syncRunId: string;
  observedAt: Date;
}

export async function closeUnseenFindings(client: pg.ClientBase, params: CloseUnseenParams): Promise<number> {
  const { rows } = await client.query<{ closed: number }>(
    `WITH closed AS (
       UPDATE finding f SET state = 'resolved', resolved_at = $5, updated_at = $5
        WHERE f.source = 'defender' AND f.connection_id = $1 AND f.state = 'open'
          AND f.source_id LIKE '/subscriptions/' || lower($2) || '/%' AND f.source_id ~ $3
          AND NOT (f.source_id = ANY($4::text[]))
       RETURNING f.id, f.severity
     ), events AS (
       INSERT INTO finding_event (finding_id, type, from_state, to_state, from_severity, to_severity, occurred_at, reason, sync_run_id)
       SELECT id, 'resolved', 'open', 'resolved', severity, severity, $5, 'no longer reported by Defender for Cloud', $6 FROM closed
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM events)::int AS closed`,
    [params.connectionId, params.subscriptionId, params.sourceIdPattern, params.seenSourceIds, params.observedAt, params.syncRunId],
  );
  return rows[0]!.closed;
}
