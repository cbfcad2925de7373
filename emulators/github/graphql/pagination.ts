// Relay connections the way GitHub serves them: opaque base64 cursors that remember the sort
// key (so a page boundary survives records changing between requests), `first`/`last` checked
// with GitHub's own errors, and pageInfo computed per the Relay algorithm.
import type { GraphQLResolveInfo } from "graphql";
import { GitHubError } from "./errors";
import type { Source } from "./model";
import { readsRecords } from "./selection";

export const MAX_PAGE_SIZE = 100;
const CURSOR_PREFIX = "cursor:v2:";

export type SortKey = (string | number)[];

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Entry {
  key: SortKey;
  node: Source;
  /** Fields of the edge besides cursor and node (role, permission…). */
  edge?: Record<string, unknown>;
}

export interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: Source[];
  edges: Record<string, unknown>[];
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify(key)}`).toString("base64");
}

function decodeCursor(cursor: string): SortKey {
  const invalid = new GitHubError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (!text.startsWith(CURSOR_PREFIX)) throw invalid;
  let key: unknown;
  try {
    key = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(key) || !key.every((k) => typeof k === "string" || typeof k === "number")) throw invalid;
  return key;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

function checkBounds(args: PageArgs, info: GraphQLResolveInfo): void {
  const field = info.fieldName;
  if (args.first == null && args.last == null && readsRecords(info.fieldNodes)) {
    throw new GitHubError("MISSING_PAGINATION_BOUNDARIES", `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`);
  }
  for (const name of ["first", "last"] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw new GitHubError("INVALID_PAGINATION", `\`${name}\` on the \`${field}\` connection cannot be less than zero.`);
    if (value > MAX_PAGE_SIZE) {
      throw new GitHubError("EXCESSIVE_PAGINATION", `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of ${MAX_PAGE_SIZE} records.`);
    }
  }
}

/**
 * One page of `entries` ordered by key (`direction` -1 for descending). Throws GitHub's
 * pagination errors for the connection field being resolved.
 */
export function paginate(entries: Entry[], args: PageArgs, info: GraphQLResolveInfo, direction: 1 | -1 = 1): Connection {
  checkBounds(args, info);
  const sorted = [...entries].sort((a, b) => direction * compareKeys(a.key, b.key));
  const after = args.after ? decodeCursor(args.after) : undefined;
  const before = args.before ? decodeCursor(args.before) : undefined;
  let start = 0;
  let end = sorted.length;
  if (after) while (start < end && direction * compareKeys(sorted[start]!.key, after) <= 0) start++;
  if (before) while (end > start && direction * compareKeys(sorted[end - 1]!.key, before) >= 0) end--;
  let window = sorted.slice(start, end);
  let hasNextPage = before ? end < sorted.length : false;
  let hasPreviousPage = after ? start > 0 : false;
  // Neither bound (a totalCount-only read, or records read only through a named fragment, which
  // GitHub does not inspect): serve at most a page, as GitHub's max page size does.
  const first = args.first ?? (args.last == null ? MAX_PAGE_SIZE : null);
  if (first != null) {
    hasNextPage = window.length > first;
    window = window.slice(0, first);
  }
  if (args.last != null) {
    hasPreviousPage = window.length > args.last;
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map((e) => ({ ...e.edge, cursor: encodeCursor(e.key), node: e.node }));
  return {
    totalCount: sorted.length,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    nodes: window.map((e) => e.node),
    edges,
  };
}
