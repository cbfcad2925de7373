// CSV as RFC 4180 says (CRLF rows, quoted fields where needed, quotes doubled), UTF-8, with an
// optional BOM so spreadsheet apps pick the encoding. Cells that a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) are prefixed with a single quote: an exported
// finding title must never execute on an auditor's machine.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export const UTF8_BOM = "\uFEFF";

const encoder = new TextEncoder();

/**
 * A CSV body as a byte stream: the header, then each batch of rows as it is pulled. Pull-based,
 * so the next batch is read from `batches` only when the consumer (the HTTP response, a file)
 * has taken the previous one — a slow client slows the database cursor instead of filling
 * memory. Cancelling the stream closes the source iterator (ends the cursor).
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly (readonly unknown[])[]>, options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : "") + csvRow(header)));
      },
      async pull(controller) {
        // Skip empty batches without returning: a pull that enqueues nothing is not called again.
        for (;;) {
          const { value, done } = await iterator.next();
          if (done) return controller.close();
          if (value.length === 0) continue;
          let text = "";
          for (const row of value) text += csvRow(row);
          controller.enqueue(encoder.encode(text));
          return;
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One batch queued ahead at most.
    { highWaterMark: 1 },
  );
}

/** A finding as the findings export needs it (lib/data's FindingRow fits). */
export interface FindingCsvInput {
  id: string;
  source: string;
  kind: string;
  severity: string;
  state: string;
  stage: string;
  title: string;
  ruleId: string;
  repository: { fullName: string } | null;
  locationPath: string | null;
  locationLine: number | null;
  firstSeenAt: Date | string;
  url: string | null;
}

/** One state change of a finding (lib/data's FindingEvent rows fit). */
export interface FindingEventCsvInput {
  type: string;
  occurredAt: Date | string;
  fromState: string | null;
  toState: string;
  fromSeverity: string | null;
  toSeverity: string;
  actor: string | null;
  reason: string | null;
}

export const FINDING_CSV_HEADER = ["id", "source", "kind", "severity", "state", "stage", "title", "rule_id", "repository", "location", "first_seen_at", "url"] as const;

/** The findings export's columns, with the history columns appended. */
export const FINDING_HISTORY_CSV_HEADER = [...FINDING_CSV_HEADER, "event_type", "event_at", "event_from_state", "event_to_state", "event_from_severity", "event_to_severity", "event_actor", "event_reason"] as const;

/** A finding's cells in FINDING_CSV_HEADER order. */
export function findingCsvValues(f: FindingCsvInput): unknown[] {
  const location = f.locationPath ? `${f.locationPath}${f.locationLine ? `:${f.locationLine}` : ""}` : "";
  return [f.id, f.source, f.kind, f.severity, f.state, f.stage, f.title, f.ruleId, f.repository?.fullName ?? "", location, f.firstSeenAt, f.url ?? ""];
}

/**
 * A finding with its history, in FINDING_HISTORY_CSV_HEADER order: one row per event, oldest
 * first, the finding's columns repeated so each row stands alone in a spreadsheet filter. A
 * finding without events still gets one row (empty event cells), so no finding goes missing.
 */
export function findingHistoryCsvRows(f: FindingCsvInput, events: readonly FindingEventCsvInput[]): unknown[][] {
  const base = findingCsvValues(f);
  if (events.length === 0) return [[...base, "", "", "", "", "", "", "", ""]];
  return [...events]
    .sort((a, b) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime())
    .map((e) => [...base, e.type, e.occurredAt, e.fromState ?? "", e.toState, e.fromSeverity ?? "", e.toSeverity, e.actor ?? "", e.reason ?? ""]);
}
