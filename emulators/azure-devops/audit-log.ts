// GET /{organization}/_apis/audit/auditlog (7.1-preview.1) and GET …/_apis/audit/actions.
// The log is read newest first straight from the world's lazy audit functions: a time window
// maps to an index range by binary search and a page is computed entry by entry, so a 10M-entry
// log costs no memory. The continuation token is the id of the last entry returned, as the
// service's is; by default consecutive AuditLog.AccessLog entries of one actor are folded into
// one ("Accessed the audit log N times"), unless skipAggregation=true.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import { AUDIT_ACTIONS, AUDIT_RETENTION_DAYS, auditIndexAtOrAfter, type AdoOrg, type AuditEntrySeed } from "../world/azure-devops";
import { RESOURCES, orgOf, requireApiVersion } from "./api-version";
import { decorate, indexOfId, isAccessLog, seedOf } from "./audit-entry";
import { badRequest } from "./errors";

/** Batch size when none is asked for, and the most one page returns (the docs give neither). */
export const DEFAULT_BATCH_SIZE = 200;
export const MAX_BATCH_SIZE = 200;
/** Most AccessLog entries folded into one aggregated entry. */
const MAX_AGGREGATED = 100;
const DAY = 86_400_000;

interface Query {
  startTime?: string;
  endTime?: string;
  batchSize?: string;
  continuationToken?: string;
  skipAggregation?: string;
}

function parseTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`The value '${value}' of parameter '${name}' is not a valid date and time.`);
  return time;
}

function parseBatchSize(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_BATCH_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw badRequest(`The value '${value}' of parameter 'batchSize' must be a positive whole number.`);
  return Math.min(size, MAX_BATCH_SIZE);
}

/** The AccessLog entries below `head` that aggregation folds into it. */
function foldedInto(ctx: EmulatorContext, org: AdoOrg, head: AuditEntrySeed, lo: number): AuditEntrySeed[] {
  const folded: AuditEntrySeed[] = [];
  for (let j = head.index - 1; j >= lo && folded.length < MAX_AGGREGATED; j--) {
    const seed = seedOf(ctx, org, j);
    if (!isAccessLog(seed) || seed.actorIndex !== head.actorIndex) break;
    folded.push(seed);
  }
  return folded;
}

export interface AuditPage {
  decoratedAuditLogEntries: Record<string, unknown>[];
  continuationToken?: string;
  hasMore: boolean;
}

/** One page of `org`'s log for the query, computed without touching other entries. */
export function queryLog(ctx: EmulatorContext, org: AdoOrg, query: Query): AuditPage {
  const retentionStart = ctx.world.now - AUDIT_RETENTION_DAYS * DAY;
  const start = Math.max(parseTime(query.startTime, "startTime") ?? retentionStart, retentionStart);
  const end = parseTime(query.endTime, "endTime") ?? ctx.world.now + 1;
  const batch = parseBatchSize(query.batchSize);
  const aggregate = query.skipAggregation?.toLowerCase() !== "true";
  const lo = auditIndexAtOrAfter(org, start);
  let cursor = auditIndexAtOrAfter(org, end) - 1;

  if (query.continuationToken) {
    const last = indexOfId(org, query.continuationToken);
    if (last === undefined) throw badRequest("The continuation token is not valid.");
    const lastSeed = seedOf(ctx, org, last);
    const skipped = aggregate && isAccessLog(lastSeed) ? foldedInto(ctx, org, lastSeed, lo).length : 0;
    cursor = Math.min(cursor, last - 1 - skipped);
  }

  const entries: Record<string, unknown>[] = [];
  let lastId: string | undefined;
  while (cursor >= lo && entries.length < batch) {
    const seed = seedOf(ctx, org, cursor);
    const folded = aggregate && isAccessLog(seed) ? foldedInto(ctx, org, seed, lo) : [];
    const entry = decorate(ctx, ctx.urls.azureDevOps, org, seed, folded);
    entries.push(entry);
    lastId = entry.id as string;
    cursor -= 1 + folded.length;
  }
  // Like the service, the token is the last entry's id (kept when a page comes back empty).
  const token = lastId ?? query.continuationToken;
  const hasMore = cursor >= lo;
  return token ? { decoratedAuditLogEntries: entries, continuationToken: token, hasMore } : { decoratedAuditLogEntries: entries, hasMore };
}

export function registerAuditLog(app: FastifyInstance, ctx: EmulatorContext): void {
  // The service's routes are case-insensitive; clients use both spellings.
  for (const resource of ["auditlog", "auditLog"]) {
    app.get<{ Params: { organization: string }; Querystring: Query }>(`/:organization/_apis/audit/${resource}`, async (request) => {
      requireApiVersion(request, RESOURCES.auditLog);
      return queryLog(ctx, orgOf(ctx, request.params.organization), request.query);
    });
  }

  app.get<{ Params: { organization: string }; Querystring: { areaName?: string } }>("/:organization/_apis/audit/actions", async (request) => {
    requireApiVersion(request, RESOURCES.auditActions);
    orgOf(ctx, request.params.organization);
    const area = request.query.areaName?.toLowerCase();
    const value = AUDIT_ACTIONS.filter((a) => !area || a.area.toLowerCase() === area).map((a) => ({ area: a.area, category: a.category.toLowerCase(), actionId: a.actionId }));
    return { count: value.length, value };
  });
}
