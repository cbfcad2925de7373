// Test support: the audit entries an ADO emulator org holds, computed from the world (not read
// through the API), and the stored rows turned back into entries, so a sync that stores
// exactly what the service published compares equal field for field.
import type { EmulatorContext } from "../emulators/core/context";
import { decorate, seedOf } from "../emulators/azure-devops/audit-entry";
import { AUDIT_RETENTION_DAYS, auditCount, auditIndexAtOrAfter, type AdoOrg } from "../emulators/world/azure-devops";
import { ENTRY_FIELDS_KEY } from "../lib/sources/azure-devops/map-audit-entry";

const DAY = 86_400_000;

/** The world's retention start now: the oldest entry time a full backfill can see. */
export function retentionStart(ctx: EmulatorContext): number {
  return ctx.world.now - AUDIT_RETENTION_DAYS * DAY;
}

/** Every entry of `org` from `since` on, as the API serves it without aggregation, by id. */
export function expectedAuditEntries(ctx: EmulatorContext, org: AdoOrg, since: number): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = auditIndexAtOrAfter(org, since); i < auditCount(org); i++) {
    const entry = decorate(ctx, ctx.urls.azureDevOps, org, seedOf(ctx, org, i));
    out.set(entry.id as string, entry);
  }
  return out;
}

export interface StoredAuditRow {
  source_id: string;
  correlation_id: string | null;
  activity_id: string | null;
  action_id: string;
  area: string;
  category: string;
  category_name: string | null;
  scope_type: string | null;
  scope_display_name: string | null;
  project_id: string | null;
  project_name: string | null;
  actor_user_id: string | null;
  actor_upn: string | null;
  actor_display_name: string | null;
  ip_address: string | null;
  user_agent: string | null;
  details: string | null;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/** Drops top-level nulls: a column holds null both for "absent" and for "sent as null". */
export function withoutNulls(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null && value !== undefined));
}

/** The entry a stored row says the service published. */
export function entryFromRow(row: StoredAuditRow): Record<string, unknown> {
  const { [ENTRY_FIELDS_KEY]: others, ...data } = row.data;
  return withoutNulls({
    ...(others as Record<string, unknown>),
    id: row.source_id,
    correlationId: row.correlation_id,
    activityId: row.activity_id,
    actionId: row.action_id,
    area: row.area,
    category: row.category,
    categoryDisplayName: row.category_name,
    scopeType: row.scope_type,
    scopeDisplayName: row.scope_display_name,
    projectId: row.project_id,
    projectName: row.project_name,
    actorUserId: row.actor_user_id,
    actorUPN: row.actor_upn,
    actorDisplayName: row.actor_display_name,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    details: row.details,
    data,
  });
}
