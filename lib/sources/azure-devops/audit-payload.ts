// Saved audit log payloads (offline import): whatever shape the API or an export produced —
// a query result ({ decoratedAuditLogEntries, continuationToken, hasMore }), the same wrapped
// in { value }, a { count, value: [...] } list, a bare array (the download API's JSON), or a
// single entry — becomes mapped records plus, for each entry that cannot be mapped, the reason
// and the entry itself. Nothing is dropped silently.
import { isAuditQueryResult, parseAuditPage } from "./audit-schemas";
import { mapAuditEntry, type AuditEventRecord } from "./map-audit-entry";

export interface Unmappable {
  reason: string;
  raw: unknown;
}

export interface ParsedAuditPayload {
  entries: AuditEventRecord[];
  unmappable: Unmappable[];
  /** Warnings of entries that were mapped with a fallback (reference: message). */
  warnings: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);

/** The raw entries of a payload, or null when the payload has no recognizable audit shape. */
function rawEntriesOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return null;
  if (isAuditQueryResult(json)) return parseAuditPage(json).entries;
  if (Array.isArray(json.value)) return json.value;
  if ("actionId" in json || "id" in json) return [json];
  return null;
}

/** Maps every entry of a saved payload. */
export function parseAuditPayload(json: unknown): ParsedAuditPayload {
  const raws = rawEntriesOf(json);
  if (raws === null) {
    return { entries: [], unmappable: [{ reason: "not an audit log payload: expected decoratedAuditLogEntries, a { value } wrapper, an array of entries or one entry", raw: json }], warnings: [] };
  }
  const parsed: ParsedAuditPayload = { entries: [], unmappable: [], warnings: [] };
  for (const raw of raws) {
    const result = mapAuditEntry(raw);
    if (result.ok) {
      parsed.entries.push(result.record);
      parsed.warnings.push(...result.warnings.map((w) => `${result.record.sourceId}: ${w}`));
    } else {
      parsed.unmappable.push({ reason: `${result.reference}: ${result.error}`, raw });
    }
  }
  return parsed;
}
