// Ordered, filtered views over one AlertTable, and the page/cursor arithmetic over them. A view
// is a typed array of row ids ascending by (sort key, row); desc walks it backwards. Views are
// cached against the table's own order array, which the table replaces whenever it changes, so
// a cached view can never be stale and never outlives its table's state.
import type { AlertRow, AlertTable } from "../../world/alerts";

export interface AlertView {
  table: AlertTable;
  rows: Int32Array;
  key(row: number): number;
}

export type Direction = "asc" | "desc";

const MAX_VIEWS_PER_ORDER = 32;
const cache = new WeakMap<Int32Array, Map<string, AlertView>>();

/**
 * The rows of `table` that pass `predicate`, ascending by `sortKey` then row. `custom` orders by
 * a derived key (e.g. EPSS); `filterKey` must name the predicate uniquely for caching.
 */
export function alertView(
  table: AlertTable,
  sort: "created" | "updated",
  filterKey: string,
  predicate: ((row: AlertRow) => boolean) | null,
  custom?: { name: string; key: (row: number) => number },
): AlertView {
  const base = table.order(sort);
  let views = cache.get(base);
  if (!views) cache.set(base, (views = new Map()));
  const cacheKey = `${custom?.name ?? sort}|${filterKey}`;
  const cached = views.get(cacheKey);
  if (cached) return cached;

  let rows = base;
  if (predicate) {
    const kept = new Int32Array(base.length);
    let n = 0;
    for (let i = 0; i < base.length; i++) if (predicate(table.get(base[i]!))) kept[n++] = base[i]!;
    rows = kept.slice(0, n);
  }
  let key: (row: number) => number = sort === "created" ? (row) => table.get(row).createdAt : (row) => table.get(row).updatedAt;
  if (custom) {
    key = custom.key;
    const keys = new Float64Array(table.size);
    for (const row of rows) keys[row] = custom.key(row);
    rows = (rows === base ? rows.slice() : rows).sort((a, b) => keys[a]! - keys[b]! || a - b);
  }
  const view: AlertView = { table, rows, key };
  if (views.size >= MAX_VIEWS_PER_ORDER) views.delete(views.keys().next().value!);
  views.set(cacheKey, view);
  return view;
}

/** The row at position `index` of the view read in `direction`. */
export function rowAt(view: AlertView, direction: Direction, index: number): number {
  return direction === "asc" ? view.rows[index]! : view.rows[view.rows.length - 1 - index]!;
}

/** Number of view entries strictly below (`strict`) or at-or-below (key, row), ascending. */
function bound(view: AlertView, key: number, row: number, inclusive: boolean): number {
  let lo = 0;
  let hi = view.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = view.rows[mid]!;
    const k = view.key(r);
    const below = k < key || (k === key && (inclusive ? r <= row : r < row));
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- cursors -------------------------------------------------------------------------------

export interface Cursor {
  key: number;
  row: number;
}

const CURSOR_PREFIX = Buffer.from("cursor:v2:");

/** An opaque keyset cursor (GitHub's look "Y3Vyc29yOnYy…": base64 of "cursor:v2:" + a position). */
export function encodeCursor(view: AlertView, row: number): string {
  const body = Buffer.alloc(12);
  body.writeDoubleBE(view.key(row), 0);
  body.writeInt32BE(row, 8);
  return Buffer.concat([CURSOR_PREFIX, body]).toString("base64");
}

export function decodeCursor(value: string): Cursor | null {
  const bytes = Buffer.from(value, "base64");
  if (bytes.length !== CURSOR_PREFIX.length + 12 || !bytes.subarray(0, CURSOR_PREFIX.length).equals(CURSOR_PREFIX)) return null;
  const key = bytes.readDoubleBE(CURSOR_PREFIX.length);
  const row = bytes.readInt32BE(CURSOR_PREFIX.length + 8);
  return Number.isFinite(key) && row >= 0 ? { key, row } : null;
}

export interface CursorPage {
  start: number;
  end: number;
  total: number;
}

/**
 * The index range (in `direction` order) after `after` or before `before`. Keyset semantics:
 * an alert that moved since the cursor was issued does not shift the rest of the walk.
 */
export function cursorRange(view: AlertView, direction: Direction, perPage: number, after: Cursor | null, before: Cursor | null): CursorPage {
  const n = view.rows.length;
  if (before) {
    // Entries that come before the cursor in reading order.
    const count = direction === "asc" ? bound(view, before.key, before.row, false) : n - bound(view, before.key, before.row, true);
    return { start: Math.max(0, count - perPage), end: count, total: n };
  }
  const start = !after ? 0 : direction === "asc" ? bound(view, after.key, after.row, true) : n - bound(view, after.key, after.row, false);
  return { start, end: Math.min(n, start + perPage), total: n };
}
