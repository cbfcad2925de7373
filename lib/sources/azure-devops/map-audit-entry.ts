// Turns one audit log entry into the row Rampart stores (audit_event), or says why it cannot.
// Every field is kept: those with a column go there; the rest — including fields Rampart does
// not know yet and the exact seven-digit timestamp the millisecond column cannot hold — go
// into `data` under ENTRY_FIELDS_KEY, beside the entry's own `data` bag, so the entry can be
// rebuilt exactly and nothing the service sent is dropped.
import { AuditEntrySchema, describeIssues } from "./audit-schemas";

/**
 * Key in the stored `data` holding the entry's top-level fields that have no column.
 * ADO's data bags use PascalCase .NET property names, which cannot start with "$".
 */
export const ENTRY_FIELDS_KEY = "$entry";

/** Top-level entry fields stored in their own columns (everything else is kept under ENTRY_FIELDS_KEY). */
const COLUMN_FIELDS = new Set([
  "id", "correlationId", "activityId", "actionId", "area", "category", "categoryDisplayName", "scopeType", "scopeDisplayName",
  "projectId", "projectName", "actorUserId", "actorUPN", "actorDisplayName", "ipAddress", "userAgent", "details", "data",
]);

/** An audit entry as audit_event stores it. */
export interface AuditEventRecord {
  /** The entry's id: unique within its ADO organization, newest-first sortable. */
  sourceId: string;
  correlationId: string | null;
  activityId: string | null;
  actionId: string;
  area: string;
  category: string;
  categoryName: string | null;
  scopeType: string | null;
  scopeDisplayName: string | null;
  /** The ADO organization's id (scopeType "organization"); not a column, used to file imports. */
  scopeId: string | null;
  projectId: string | null;
  projectName: string | null;
  actorUserId: string | null;
  actorUpn: string | null;
  actorDisplayName: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  details: string | null;
  /** The entry's data bag, plus ENTRY_FIELDS_KEY → its other top-level fields. */
  data: Record<string, unknown>;
  /** Millisecond precision (the column's); the exact timestamp is in data[ENTRY_FIELDS_KEY]. */
  occurredAt: Date;
}

export type AuditMapResult = { ok: true; record: AuditEventRecord; warnings: string[] } | { ok: false; reference: string; error: string };

/**
 * Milliseconds of an ADO timestamp ("2019-03-05T14:05:02.1460838+00:00"): the fraction is cut,
 * not rounded, to milliseconds, so an entry never appears later than it happened.
 */
export function parseAuditTimestamp(value: string): Date | null {
  const normalized = value.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A reference to an entry for the sync log: its id, else its action and time. */
export function auditReferenceOf(raw: unknown): string {
  const entry = (raw ?? {}) as { id?: unknown; actionId?: unknown; timestamp?: unknown };
  return typeof entry.id === "string" && entry.id ? entry.id : `${String(entry.actionId ?? "?")}@${String(entry.timestamp ?? "?")}`;
}

/** Maps one raw entry. */
export function mapAuditEntry(raw: unknown): AuditMapResult {
  const parsed = AuditEntrySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: auditReferenceOf(raw), error: describeIssues(parsed.error) };
  const entry = parsed.data;
  const occurredAt = parseAuditTimestamp(entry.timestamp);
  if (!occurredAt) return { ok: false, reference: entry.id, error: `timestamp: "${entry.timestamp}" is not a date and time` };

  const warnings: string[] = [];
  // area and category are required columns; the action id's prefix is its area in every
  // documented action ("Git.RepositoryCreated" → Git).
  let area = entry.area;
  if (!area) {
    area = entry.actionId.split(".")[0]!;
    warnings.push(`no area; stored the action's prefix "${area}"`);
  }
  let category = entry.category;
  if (!category) {
    category = "unknown";
    warnings.push('no category; stored "unknown"');
  }
  const otherFields = Object.fromEntries(Object.entries(entry).filter(([name]) => !COLUMN_FIELDS.has(name)));

  return {
    ok: true,
    warnings,
    record: {
      sourceId: entry.id,
      correlationId: entry.correlationId ?? null,
      activityId: entry.activityId ?? null,
      actionId: entry.actionId,
      area,
      category,
      categoryName: entry.categoryDisplayName ?? null,
      scopeType: entry.scopeType ?? null,
      scopeDisplayName: entry.scopeDisplayName ?? null,
      scopeId: entry.scopeId ?? null,
      projectId: entry.projectId ?? null,
      projectName: entry.projectName ?? null,
      actorUserId: entry.actorUserId ?? null,
      actorUpn: entry.actorUPN ?? null,
      actorDisplayName: entry.actorDisplayName ?? null,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent ?? null,
      details: entry.details ?? null,
      data: { ...(entry.data ?? {}), [ENTRY_FIELDS_KEY]: otherFields },
      occurredAt,
    },
  };
}
