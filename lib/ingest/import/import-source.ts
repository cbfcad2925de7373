// The contract of the offline import (npm run import): a source turns a saved API response
// into normalized records it can print (--dry-run) and write through its own reconcile path.
// Unmappable records come back with the reason; nothing is dropped without a word.
import type pg from "pg";

/** One normalized record as --dry-run prints it (a JSON line). */
export interface ImportLine {
  source: string;
  kind: string;
  sourceId: string;
  severity: string | null;
  state: string | null;
  [field: string]: unknown;
}

export interface Unmapped {
  reference: string;
  reason: string;
}

export interface ImportWriteContext {
  /** Connection to file the records under (optional for an offline import). */
  connectionId: string | null;
  observedAt: Date;
}

export interface ImportBatch {
  lines: ImportLine[];
  unmapped: Unmapped[];
  /** Notes about the payload as a whole (e.g. "this page has a nextLink: only this page was read"). */
  notes: string[];
  /** Writes the batch inside the caller's transaction; returns rows created and updated. */
  write(db: pg.ClientBase, context: ImportWriteContext): Promise<{ created: number; updated: number }>;
}

/** A source's importer: the parsed JSON file in, a batch out. Pure until `write` is called. */
export type SourceImporter = (payload: unknown, options: { observedAt: Date }) => ImportBatch;

/**
 * The records of a saved response: a list page (array), an ARM/ADO `{ value, nextLink }` page,
 * a REST spec example (`{ parameters, responses: { 200: { body } } }`) or a single object.
 */
export function recordsOf(payload: unknown): { records: unknown[]; notes: string[] } {
  const notes: string[] = [];
  let body = payload;
  const example = (payload as { responses?: Record<string, { body?: unknown }> } | null)?.responses;
  if (example && typeof example === "object" && example["200"]?.body !== undefined) {
    body = example["200"].body;
    notes.push("read the 200 response body of a REST API example");
  }
  if (Array.isArray(body)) return { records: body, notes };
  const page = body as { value?: unknown; nextLink?: unknown } | null;
  if (page && typeof page === "object" && Array.isArray(page.value)) {
    if (page.nextLink) notes.push(`the page has a nextLink (${String(page.nextLink).slice(0, 120)}): only this page was imported`);
    return { records: page.value, notes };
  }
  return { records: body === null || body === undefined ? [] : [body], notes };
}
