// Writes audit entries with one set-based statement per page: rows arrive as column arrays
// through unnest, an entry already stored (same organization and entry id, e.g. re-read in an
// incremental's overlap) is skipped by ON CONFLICT DO NOTHING, and the sync's cursor moves in
// the same transaction as the rows it covers.
import type pg from "pg";
import { inTransaction } from "../../db";
import { recordProgress, type PageProgress, type SyncRun } from "../sync-runs";
import type { AuditEventRecord } from "../../sources/azure-devops/map-audit-entry";

export interface AdoOrganizationRow {
  /** The ADO organization's id (connectionData instanceId, the entries' scopeId). */
  sourceId: string;
  name: string;
  url: string | null;
}

/**
 * Creates or refreshes the organization row of an ADO organization. A null connection (an
 * offline import) keeps whichever connection the row already belongs to.
 */
export async function upsertAdoOrganization(client: pg.ClientBase, connectionId: string | null, org: AdoOrganizationRow): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO organization AS o (source, source_id, connection_id, login, name, url, updated_at)
     VALUES ('azure_devops', $1, $2, $3, $3, $4, now())
     ON CONFLICT (source, source_id) DO UPDATE SET connection_id = COALESCE(EXCLUDED.connection_id, o.connection_id),
       login = EXCLUDED.login, name = EXCLUDED.name, url = COALESCE(EXCLUDED.url, o.url), deleted_at = NULL, updated_at = now()
     RETURNING id`,
    [org.sourceId, connectionId, org.name, org.url],
  );
  return rows[0]!.id;
}

export interface AuditTarget {
  organizationId: string;
  connectionId: string | null;
}

/** Inserts the entries not stored yet; returns how many were new. */
export async function insertAuditEvents(client: pg.ClientBase, target: AuditTarget, records: AuditEventRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const column = <K extends keyof AuditEventRecord>(key: K) => records.map((r) => r[key]);
  const result = await client.query(
    `INSERT INTO audit_event (organization_id, connection_id, source_id, correlation_id, activity_id, action_id, area, category,
                              category_name, scope_type, scope_display_name, project_id, project_name, actor_user_id, actor_upn,
                              actor_display_name, ip_address, user_agent, details, data, occurred_at)
     SELECT $1::uuid, $2::uuid, x.* FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                                   $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
                                   $18::text[], $19::text[], $20::jsonb[], $21::timestamptz[]) AS x
     ON CONFLICT (organization_id, source_id) DO NOTHING`,
    [
      target.organizationId, target.connectionId,
      column("sourceId"), column("correlationId"), column("activityId"), column("actionId"), column("area"), column("category"),
      column("categoryName"), column("scopeType"), column("scopeDisplayName"), column("projectId"), column("projectName"),
      column("actorUserId"), column("actorUpn"), column("actorDisplayName"), column("ipAddress"), column("userAgent"), column("details"),
      records.map((r) => JSON.stringify(r.data)), records.map((r) => r.occurredAt.toISOString()),
    ],
  );
  return result.rowCount ?? 0;
}

/** Writes one page of entries and moves the run's cursor, atomically; returns how many were new. */
export async function commitAuditPage(run: SyncRun, target: AuditTarget, records: AuditEventRecord[], progress: PageProgress): Promise<number> {
  return inTransaction(async (client) => {
    const created = await insertAuditEvents(client, target, records);
    await recordProgress(client, run, progress, { created, updated: 0 });
    return created;
  });
}
