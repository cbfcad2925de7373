// GitHub's REST pagination: per_page (default 30, at most 100) and page, with a Link header of
// rel="prev", "next", "last", "first" in that order, each URL keeping the request's other query
// parameters. Pages are cut by index arithmetic over whatever ordered view a route has.
import type { FastifyReply } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { GitHubRequest, Query } from "./route";
import { apiBase } from "./objects/urls";

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 30;

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** per_page as GitHub reads it: missing or unreadable → 30, above 100 → 100. */
export function perPageOf(query: Query, fallback = DEFAULT_PER_PAGE): number {
  return Math.min(MAX_PER_PAGE, positiveInt(query.per_page) ?? fallback);
}

export function pageOf(query: Query): number {
  return positiveInt(query.page) ?? 1;
}

/** The URL of the same request with `changes` applied to its query (null removes a key). */
export function linkUrl(ctx: EmulatorContext, path: string, query: Query, changes: Record<string, string | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && !(key in changes)) params.append(key, value);
  for (const [key, value] of Object.entries(changes)) if (value !== null) params.set(key, value);
  const search = params.toString();
  return `${apiBase(ctx)}${path}${search ? `?${search}` : ""}`;
}

export function linkHeader(links: [rel: string, url: string][]): string {
  return links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(", ");
}

/** The path part of the request URL (what Link URLs point back to unless a route says otherwise). */
export function pathOf(request: GitHubRequest): string {
  return request.url.split("?")[0]!;
}

export interface PageSlice {
  start: number;
  end: number;
}

/**
 * Sets the page-based Link header for `total` items and returns the index range to serve.
 * `linkPath` is where the links point (GitHub points org lists at /organizations/{id}/…).
 */
export function pageSlice(ctx: EmulatorContext, reply: FastifyReply, query: Query, linkPath: string, total: number, perPage = perPageOf(query)): PageSlice {
  const page = pageOf(query);
  const last = Math.max(1, Math.ceil(total / perPage));
  const url = (p: number) => linkUrl(ctx, linkPath, query, { page: String(p) });
  const links: [string, string][] = [];
  if (page > 1) links.push(["prev", url(Math.min(page - 1, last))]);
  if (page < last) links.push(["next", url(page + 1)], ["last", url(last)]);
  if (page > 1) links.push(["first", url(1)]);
  if (links.length > 0) reply.header("link", linkHeader(links));
  const start = Math.min(total, (page - 1) * perPage);
  return { start, end: Math.min(total, start + perPage) };
}

/** Serves one page of an in-memory list (small lists only: repos, teams, members). */
export function sendListPage<T, R>(ctx: EmulatorContext, request: GitHubRequest, reply: FastifyReply, items: readonly T[], map: (item: T) => R, linkPath = pathOf(request)): R[] {
  const { start, end } = pageSlice(ctx, reply, request.query, linkPath, items.length);
  const out: R[] = [];
  for (let i = start; i < end; i++) out.push(map(items[i]!));
  return out;
}
