// CSV cells are RFC 4180 and formula-safe; csvStream is pull-based (memory stays flat however
// many rows) and round-trips through a strict parser.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, csvStream, FINDING_HISTORY_CSV_HEADER, findingHistoryCsvRows, UTF8_BOM } from "./csv";
import type { FindingCsvInput } from "./csv";

/** A strict RFC 4180 parser, for round-trip checks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i += 2; }
        else if (text[i] === '"') { i += 1; break; }
        else { cell += text[i]; i += 1; }
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") { cell += text[i]; i += 1; }
    }
    row.push(cell);
    if (text[i] === ",") { i += 1; continue; }
    expect(text.slice(i, i + 2)).toBe("\r\n");
    i += 2;
    rows.push(row);
    row = [];
  }
  return rows;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

async function* batchesOf(rows: unknown[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
  ])("neutralizes a formula start: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves numbers, dates and plain text alone and quotes what RFC 4180 requires", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(new Date("2025-09-30T00:00:00Z"))).toBe("2025-09-30T00:00:00.000Z");
    expect(csvCell(null)).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvRow(["a", 1])).toBe("a,1\r\n");
  });
});

describe("csvStream", () => {
  it("writes the BOM when asked and round-trips awkward values", async () => {
    const rows = [["x,y", 'q"uote', "multi\nline", "=cmd", "é ü 漢字"]];
    const text = await readAll(csvStream(["a", "b", "c", "d", "e"], batchesOf(rows, 1), { bom: true }));
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([["a", "b", "c", "d", "e"], ["x,y", 'q"uote', "multi\nline", "'=cmd", "é ü 漢字"]]);
    expect((await readAll(csvStream(["a"], batchesOf([], 1)))).startsWith(UTF8_BOM)).toBe(false);
  });

  it("streams 200k rows pulling one batch at a time, and stops the source when cancelled", async () => {
    const ROWS = 200_000;
    // Long titles make ~60 MB of CSV, so buffering it would show plainly in the heap.
    const PADDING = "x".repeat(240);
    const BATCH = 1_000;
    let produced = 0;
    let finished = false;
    async function* source() {
      try {
        for (let b = 0; b < ROWS / BATCH; b++) {
          produced += 1;
          yield Array.from({ length: BATCH }, (_, i) => [b * BATCH + i, `finding ${b * BATCH + i} ${PADDING}`, "high", "2025-09-30T00:00:00.000Z", "=not a formula"]);
        }
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["id", "title", "severity", "first_seen_at", "note"], source()).getReader();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    let consumed = 0;
    let bytes = 0;
    let maxAhead = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      consumed += 1;
      bytes += value.byteLength;
      // consumed counts the header chunk too; the source may be at most one batch ahead.
      maxAhead = Math.max(maxAhead, produced - (consumed - 1));
    }
    const seconds = (performance.now() - started) / 1000;
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.info(`[csv] ${ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s; heap growth ${heapGrowthMb.toFixed(1)} MB`);
    expect(produced).toBe(ROWS / BATCH);
    expect(consumed).toBe(ROWS / BATCH + 1);
    expect(maxAhead).toBeLessThanOrEqual(1);
    // Loose (GC timing varies): far below the bytes that went through.
    expect(heapGrowthMb).toBeLessThan(bytes / 1e6 / 2);
    expect(finished).toBe(true);

    // Cancel midway: the generator's finally runs (a DB cursor would be released).
    finished = false;
    produced = 0;
    const early = csvStream(["id"], source()).getReader();
    await early.read();
    await early.read();
    await early.cancel();
    expect(finished).toBe(true);
    expect(produced).toBeLessThanOrEqual(2);
  });
});

describe("findings with history", () => {
  const finding: FindingCsvInput = {
    id: "7", source: "github", kind: "code", severity: "high", state: "fixed", stage: "ci", title: "-danger", ruleId: "js/xss",
    repository: { fullName: "contoso/web" }, locationPath: "src/a.ts", locationLine: 12, firstSeenAt: new Date("2025-08-01T00:00:00Z"), url: null,
  };

  it("gives one row per event, oldest first, with the finding's columns on each", () => {
    const rows = findingHistoryCsvRows(finding, [
      { type: "fixed", occurredAt: "2025-09-02T00:00:00.000Z", fromState: "open", toState: "fixed", fromSeverity: "high", toSeverity: "high", actor: null, reason: null },
      { type: "opened", occurredAt: "2025-08-01T00:00:00.000Z", fromState: null, toState: "open", fromSeverity: null, toSeverity: "high", actor: null, reason: null },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length === FINDING_HISTORY_CSV_HEADER.length)).toBe(true);
    expect(rows.map((r) => r[12])).toEqual(["opened", "fixed"]);
    expect(rows[0]![9]).toBe("src/a.ts:12");
    expect(csvRow(rows[0]!)).toContain(",'-danger,");
  });

  it("keeps a finding with no events as one row", () => {
    const rows = findingHistoryCsvRows(finding, []);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.length).toBe(FINDING_HISTORY_CSV_HEADER.length);
  });
});
