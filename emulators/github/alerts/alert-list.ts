// The org-level alert list, shared by the three kinds: validation of sort/direction/paging,
// the filtered view, page-based or cursor-based slicing with GitHub's Link header (pointing at
// /organizations/{id}/…, as GitHub's does), and mapping only the rows of the page.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import type { AlertKind, AlertRow, AlertTable } from "../../world/alerts";
import type { Organization } from "../../world/github";
import { badRequest, validationFailed } from "../errors";
import { linkHeader, linkUrl, pageSlice, perPageOf } from "../pagination";
import { getRoute, readableOrg, type Query } from "../route";
import { alertView, cursorRange, decodeCursor, encodeCursor, rowAt, type Cursor, type Direction } from "./alert-view";
import { specExample } from "./fixtures";
import { oneOf } from "./query";

export interface AlertFilter {
  /** Names the predicate for the view cache. */
  key: string;
  predicate: ((row: AlertRow) => boolean) | null;
}

export interface AlertListSpec {
  kind: AlertKind;
  /** After /orgs/{org}/, e.g. "code-scanning/alerts". */
  path: string;
  docs: string;
  /** "page+cursor": page numbers unless before/after is given; "cursor": cursors only. */
  pagination: "page+cursor" | "cursor";
  sorts: readonly string[];
  /** Reads the kind's own filters (a 422 for values GitHub rejects). */
  filter(ctx: EmulatorContext, query: Query): AlertFilter;
  /** Sort keys beyond created/updated (Dependabot's epss_percentage). */
  customSort?(ctx: EmulatorContext, table: AlertTable, sort: string): ((row: number) => number) | undefined;
  /** The list item GitHub returns for one alert. */
  item(ctx: EmulatorContext, org: Organization, row: AlertRow, query: Query): unknown;
}

function cursorParam(query: Query, name: "after" | "before", docs: string): Cursor | null {
  const value = query[name];
  if (!value) return null;
  const cursor = decodeCursor(value);
  if (!cursor) throw validationFailed(docs, [`Invalid ${name} cursor`]);
  return cursor;
}

export function registerAlertList(app: FastifyInstance, ctx: EmulatorContext, spec: AlertListSpec): void {
  const urls = [`/orgs/:org/${spec.path}`, `/organizations/:org_id/${spec.path}`];
  getRoute(app, ctx, urls, { auth: "token", docs: spec.docs }, async (request, reply, principal) => {
    const { org, orgIndex } = readableOrg(ctx, principal, request.params, spec.docs);
    const query = request.query;
    const sort = oneOf(query, "sort", spec.sorts, "created", spec.docs);
    const direction: Direction = oneOf(query, "direction", ["asc", "desc"] as const, "desc", spec.docs);
    if (spec.pagination === "cursor" && query.page !== undefined) throw badRequest(spec.docs, "Pagination using the `page` parameter is not supported.");
    if (query.before && query.after) throw validationFailed(spec.docs, ["Only one of before and after may be given"]);
    const filter = spec.filter(ctx, query);
    const perPage = perPageOf(query);
    if (ctx.fixturesMode) return specExample(`/orgs/{org}/${spec.path}`);

    const table = ctx.world.alerts(orgIndex, spec.kind);
    const customKey = spec.customSort?.(ctx, table, sort);
    const view = alertView(table, sort === "updated" ? "updated" : "created", filter.key, filter.predicate, customKey ? { name: sort, key: customKey } : undefined);
    const linkPath = `/organizations/${org.id}/${spec.path}`;
    const cursorMode = spec.pagination === "cursor" || query.after !== undefined || query.before !== undefined;

    let start: number;
    let end: number;
    if (cursorMode) {
      ({ start, end } = cursorRange(view, direction, perPage, cursorParam(query, "after", spec.docs), cursorParam(query, "before", spec.docs)));
      const links: [string, string][] = [];
      if (start > 0 && end > start) links.push(["prev", linkUrl(ctx, linkPath, query, { before: encodeCursor(view, rowAt(view, direction, start)), after: null, page: null })]);
      if (end < view.rows.length && end > start) links.push(["next", linkUrl(ctx, linkPath, query, { after: encodeCursor(view, rowAt(view, direction, end - 1)), before: null, page: null })]);
      if (links.length > 0) reply.header("link", linkHeader(links));
    } else {
      ({ start, end } = pageSlice(ctx, reply, query, linkPath, view.rows.length, perPage));
    }
    const items: unknown[] = [];
    for (let i = start; i < end; i++) items.push(spec.item(ctx, org, table.get(rowAt(view, direction, i)), query));
    return items;
  });
}
