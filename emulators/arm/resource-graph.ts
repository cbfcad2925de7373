// Azure Resource Graph (POST /providers/Microsoft.ResourceGraph/resources) over the
// `securityresources` table: Defender assessments and sub-assessments of the requested
// subscriptions, filtered with the KQL subset of kql.ts, paged with $top/$skip/$skipToken, and
// throttled per user as Resource Graph does (x-ms-user-quota-remaining / -resets-after).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context";
import type { SubscriptionWorld } from "../world/azure";
import { assessmentResource } from "./assessments";
import { requireApiVersion } from "./api-versions";
import { principalOf } from "./auth";
import { ArmError } from "./errors";
import { invalidQuery, matches, parseQuery, projectRow, type Condition } from "./kql";
import { encodeSkipToken, PAGE_SIZES } from "./paging";
import { armSettings } from "./settings";
import { subAssessmentResource } from "./sub-assessments";
import { ReadBudgets } from "./throttling";

const QueryRequest = z.object({
  subscriptions: z.array(z.string()).optional(),
  managementGroups: z.array(z.string()).optional(),
  query: z.string(),
  options: z
    .object({
      $top: z.number().int().min(1).max(1000).optional(),
      $skip: z.number().int().min(0).optional(),
      $skipToken: z.string().optional(),
      resultFormat: z.enum(["table", "objectArray"]).optional(),
      allowPartialScopes: z.boolean().optional(),
    })
    .passthrough()
    .optional(),
  facets: z.array(z.unknown()).optional(),
});

/** Resource Graph's per-user quota: 15 queries per 5-second window. */
const QUOTA = { limit: 15, windowMs: 5_000 };
const quotas = new WeakMap<EmulatorContext, ReadBudgets>();

type Row = Record<string, unknown>;
interface Source {
  type: string;
  rows: () => Row[];
}

function baseRow(ctx: EmulatorContext, subscription: SubscriptionWorld, resource: Row, type: string, resourceGroup: string): Row {
  return {
    id: resource.id,
    name: resource.name,
    type,
    tenantId: ctx.world.entra.tenantId,
    kind: "",
    location: "",
    resourceGroup: resourceGroup.toLowerCase(),
    subscriptionId: subscription.subscriptionId,
    managedBy: "",
    sku: null,
    plan: null,
    properties: resource.properties,
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

function sources(ctx: EmulatorContext, subscription: SubscriptionWorld): Source[] {
  const rg = (resourceIndex: number) => subscription.resources[resourceIndex]!.resourceGroup;
  return [
    {
      type: "microsoft.security/assessments",
      rows: () => subscription.assessments.map((a) => baseRow(ctx, subscription, assessmentResource(ctx, subscription, a), "microsoft.security/assessments", rg(a.resourceIndex))),
    },
    {
      type: "microsoft.security/assessments/subassessments",
      rows: () =>
        subscription.subAssessments.map((s) =>
          baseRow(ctx, subscription, subAssessmentResource(ctx, subscription, s), "microsoft.security/assessments/subassessments", rg(subscription.assessments[s.assessmentIndex]!.resourceIndex)),
        ),
    },
  ];
}

// Type conditions are checked before rows are built, so a query for one type builds only those.
function typeAllowed(type: string, where: Condition[]): boolean {
  return matches({ type }, where.filter((c) => c.path.length === 1 && c.path[0] === "type"));
}

function spendQuota(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  let budgets = quotas.get(ctx);
  if (!budgets) quotas.set(ctx, (budgets = new ReadBudgets()));
  const user = principalOf(request)?.oid ?? "anonymous";
  const { remaining, retryAfterSeconds } = budgets.spend(user, QUOTA.limit, Date.now(), QUOTA.windowMs);
  const resetsAfter = budgets.resetsAfterSeconds(user, QUOTA.windowMs);
  reply.header("x-ms-user-quota-remaining", String(remaining));
  reply.header("x-ms-user-quota-resets-after", `00:00:${String(resetsAfter).padStart(2, "0")}`);
  if (retryAfterSeconds !== null) {
    throw new ArmError(429, "RateLimiting", "Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.", {
      "retry-after": String(retryAfterSeconds),
    });
  }
}

export function registerResourceGraph(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/providers/Microsoft.ResourceGraph/resources", async (request, reply) => {
    requireApiVersion(request, "resourceGraph");
    spendQuota(ctx, request, reply);
    const parsedBody = QueryRequest.safeParse(request.body);
    if (!parsedBody.success) throw invalidQuery(parsedBody.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const body = parsedBody.data;
    const query = parseQuery(body.query);
    if (query.table !== "securityresources") throw invalidQuery(`table '${query.table}' is not served by this emulator (only securityresources)`);
    const wanted = body.subscriptions?.map((s) => s.toLowerCase());
    const subscriptions = ctx.world.azure.subscriptions.filter((s) => !wanted || wanted.includes(s.subscriptionId.toLowerCase()));

    let rows: Row[] = [];
    for (const subscription of subscriptions) {
      for (const source of sources(ctx, subscription)) {
        if (typeAllowed(source.type, query.where)) rows.push(...source.rows().filter((r) => matches(r, query.where)));
      }
    }
    if (query.take !== null) rows = rows.slice(0, query.take);

    const options = body.options ?? {};
    const skip = options.$skipToken ? skipOf(options.$skipToken) : (options.$skip ?? 0);
    const top = options.$top ?? armSettings(ctx).pageSize ?? PAGE_SIZES.resourceGraph;
    const page = rows.slice(skip, skip + top).map((r) => projectRow(r, query.project));
    const result: Record<string, unknown> = { totalRecords: rows.length, count: page.length, resultTruncated: "false", facets: [] };
    if (skip + top < rows.length) result.$skipToken = encodeSkipToken(skip + top);
    result.data = options.resultFormat === "table" ? asTable(page) : page;
    return result;
  });
}

function skipOf(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { skip?: unknown };
    if (typeof parsed.skip === "number" && parsed.skip >= 0) return parsed.skip;
  } catch {
    // fall through
  }
  throw invalidQuery("the $skipToken is not valid");
}

function asTable(rows: Row[]): { columns: { name: string; type: string }[]; rows: unknown[][] } {
  const names = Object.keys(rows[0] ?? {});
  const typeOf = (value: unknown) => (typeof value === "string" ? "string" : typeof value === "number" ? "integer" : typeof value === "boolean" ? "boolean" : "object");
  return { columns: names.map((name) => ({ name, type: typeOf(rows[0]?.[name]) })), rows: rows.map((r) => names.map((n) => r[n] ?? null)) };
}
