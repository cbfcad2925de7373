// Offline import of saved audit log payloads (`npm run import -- --source azure-devops`):
// parse with the sync's own mapper, then either print dry-run records or write the entries
// through the sync's own set-based insert (same de-duplication by organization and entry id).
//
// Dry-run record of an audit entry — the fields every source's dry run shares, defined for
// entries, which are facts rather than findings:
//   source   "azure_devops" (the Source enum value the rows are stored under)
//   kind     "audit" (an audit log entry, not a finding)
//   sourceId the entry's id (unique within its ADO organization)
//   severity the posture signal's severity, "info" when the entry raises no signal
//   state    "recorded": an audit entry never opens or closes, it happened
// plus signal/stage (null when unclassified), actionId, occurredAt and the organization.
import type pg from "pg";
import { database, inTransaction } from "../../db";
import { parseAuditPayload, type ParsedAuditPayload } from "../../sources/azure-devops/audit-payload";
import { classifyAuditEntry, type AuditSignalSeverity, type AuditSignalStage } from "../../sources/azure-devops/classify-audit-action";
import { insertAuditEvents, upsertAdoOrganization } from "./write-audit-events";
import type { AuditEventRecord } from "../../sources/azure-devops/map-audit-entry";

export { parseAuditPayload, type ParsedAuditPayload };

/** Rows written per statement, to bound one statement's parameter arrays. */
const IMPORT_CHUNK = 1000;

export interface AuditDryRunRecord {
  source: "azure_devops";
  kind: "audit";
  sourceId: string;
  severity: AuditSignalSeverity;
  state: "recorded";
  signal: string | null;
  stage: AuditSignalStage | null;
  actionId: string;
  occurredAt: string;
  organization: string | null;
  details: string | null;
}

/** The organization an entry belongs to: "fabrikam (Organization)" → "fabrikam". */
function organizationNameOf(record: AuditEventRecord): string | null {
  if (record.scopeType?.toLowerCase() !== "organization" || !record.scopeDisplayName) return null;
  return record.scopeDisplayName.replace(/\s*\(Organization\)\s*$/i, "");
}

/** The normalized records `--dry-run` prints, one per entry. */
export function auditDryRunRecords(entries: AuditEventRecord[]): AuditDryRunRecord[] {
  return entries.map((entry) => {
    const signal = classifyAuditEntry(entry);
    return {
      source: "azure_devops",
      kind: "audit",
      sourceId: entry.sourceId,
      severity: signal?.severity ?? "info",
      state: "recorded",
      signal: signal?.signal ?? null,
      stage: signal?.stage ?? null,
      actionId: entry.actionId,
      occurredAt: entry.occurredAt.toISOString(),
      organization: organizationNameOf(entry),
      details: entry.details,
    };
  });
}

export class AuditImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditImportError";
  }
}

export interface ImportAuditOptions {
  /** The ADO organization's name; needed only when the entries do not name it (scopeDisplayName). */
  organization?: string;
  /** The connection to file the entries under, when the import belongs to one. */
  connectionId?: string | null;
  /**
   * Write inside the caller's transaction on this client (the import CLI's). Without it the
   * entries are written in a transaction of their own.
   */
  client?: pg.ClientBase;
}

export interface ImportAuditResult {
  organizationId: string;
  /** Entries written. */
  created: number;
  /** Entries already stored (same organization and id), left as they were. */
  skipped: number;
}

/**
 * Which organization row the entries go to: the one their scopeId names (created if new), or,
 * for entries without one, an already known organization of that name. Entries of several
 * organizations in one payload are refused rather than guessed.
 */
async function resolveOrganization(entries: AuditEventRecord[], options: ImportAuditOptions): Promise<string> {
  const scopeIds = new Set(entries.filter((e) => e.scopeType?.toLowerCase() === "organization" && e.scopeId).map((e) => e.scopeId!));
  if (scopeIds.size > 1) throw new AuditImportError(`The payload mixes ${scopeIds.size} organizations (scopeId ${[...scopeIds].join(", ")}); import one organization's entries at a time.`);
  const name = options.organization ?? entries.map(organizationNameOf).find((n) => n !== null) ?? null;
  const { pool, prisma } = database();
  const [scopeId] = scopeIds;
  if (scopeId) {
    if (!name) throw new AuditImportError("The entries do not name their organization; pass its name.");
    if (options.client) return upsertAdoOrganization(options.client, options.connectionId ?? null, { sourceId: scopeId, name, url: null });
    const client = await pool.connect();
    try {
      return await upsertAdoOrganization(client, options.connectionId ?? null, { sourceId: scopeId, name, url: null });
    } finally {
      client.release();
    }
  }
  if (!name) throw new AuditImportError("The entries carry no organization id or name; pass the organization's name.");
  if (options.client) {
    const { rows } = await options.client.query<{ id: string }>("SELECT id FROM organization WHERE source = 'azure_devops' AND lower(login) = lower($1) AND deleted_at IS NULL LIMIT 1", [name]);
    if (rows[0]) return rows[0].id;
    throw new AuditImportError(`The entries carry no organization id and no Azure DevOps organization named "${name}" is known yet; sync its connection once, or import a payload with scopeId.`);
  }
  const known = await prisma.organization.findFirst({ where: { source: "azure_devops", login: { equals: name, mode: "insensitive" }, deletedAt: null }, select: { id: true } });
  if (!known) throw new AuditImportError(`The entries carry no organization id and no Azure DevOps organization named "${name}" is known yet; sync its connection once, or import a payload with scopeId.`);
  return known.id;
}

/** Writes parsed entries (from parseAuditPayload) through the sync's insert path. */
export async function importAuditEntries(entries: AuditEventRecord[], options: ImportAuditOptions = {}): Promise<ImportAuditResult> {
  if (entries.length === 0) throw new AuditImportError("The payload has no audit entries to import.");
  const organizationId = await resolveOrganization(entries, options);
  const target = { organizationId, connectionId: options.connectionId ?? null };
  const write = async (client: pg.ClientBase) => {
    let written = 0;
    for (let i = 0; i < entries.length; i += IMPORT_CHUNK) written += await insertAuditEvents(client, target, entries.slice(i, i + IMPORT_CHUNK));
    return written;
  };
  const created = options.client ? await write(options.client) : await inTransaction(write);
  return { organizationId, created, skipped: entries.length - created };
}
