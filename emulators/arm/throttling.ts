// ARM's request budgets: each subscription (tenant-level calls: each tenant) may make so many
// reads and writes per hour; every response says how many remain, and past the budget ARM answers 429 with
// Retry-After until the window rolls over.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { principalOf } from "./auth";
import { ArmError, sendArmError } from "./errors";
import { armSettings } from "./settings";

const HOUR_MS = 3_600_000;

interface Window {
  startedAt: number;
  used: number;
}

export class ReadBudgets {
  private readonly windows = new Map<string, Window>();

  /** Spends one request of `key`; returns what remains, or the seconds to wait when none does. */
  spend(key: string, limit: number, now = Date.now(), windowMs = HOUR_MS): { remaining: number; retryAfterSeconds: number | null } {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) this.windows.set(key, (window = { startedAt: now, used: 0 }));
    if (window.used >= limit) {
      return { remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000)) };
    }
    window.used++;
    return { remaining: limit - window.used, retryAfterSeconds: null };
  }

  /** Whole seconds until `key`'s window starts over. */
  resetsAfterSeconds(key: string, windowMs = HOUR_MS, now = Date.now()): number {
    const window = this.windows.get(key);
    return window ? Math.max(0, Math.ceil((window.startedAt + windowMs - now) / 1000)) : 0;
  }

  reset(): void {
    this.windows.clear();
  }
}

const budgets = new WeakMap<EmulatorContext, ReadBudgets>();

export function readBudgets(ctx: EmulatorContext): ReadBudgets {
  let found = budgets.get(ctx);
  if (!found) budgets.set(ctx, (found = new ReadBudgets()));
  return found;
}

/** ARM's documented write limit per subscription per hour. */
const WRITES_PER_HOUR = 1_200;

/**
 * Counts the request against the subscription in the path (or the caller's tenant): reads for
 * GET, writes otherwise. Sets x-ms-ratelimit-remaining-<scope>-<kind> and throws ARM's 429
 * once the hour's budget is spent.
 */
export function spendRequest(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  const params = request.params as Record<string, string | undefined>;
  const subscriptionId = params.subscriptionId?.toLowerCase();
  const principal = principalOf(request);
  // Resource Graph queries are POSTs but reads: they have their own quota (resource-graph.ts).
  const isQuery = request.url.startsWith("/providers/Microsoft.ResourceGraph/");
  const kind = request.method === "GET" || request.method === "HEAD" || isQuery ? "read" : "write";
  const scope = subscriptionId ? "subscription" : "tenant";
  const key = `${scope}:${kind}:${subscriptionId ?? principal?.tenantId ?? ctx.world.entra.tenantId}`;
  const limit = kind === "read" ? armSettings(ctx).readsPerHour : WRITES_PER_HOUR;
  const { remaining, retryAfterSeconds } = readBudgets(ctx).spend(key, limit);
  reply.header(`x-ms-ratelimit-remaining-${scope}-${kind}s`, String(remaining));
  if (retryAfterSeconds === null) return;
  const subject = subscriptionId ? `subscription '${subscriptionId}'` : `tenant '${principal?.tenantId ?? ""}'`;
  throw new ArmError(
    429,
    subscriptionId ? "SubscriptionRequestsThrottled" : "TenantRequestsThrottled",
    `Number of '${kind}' requests for ${subject} actor '${principal?.oid ?? ""}' exceeded. Please try again after '${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** The injected-fault 429 (EmulatorDefinition.rateLimited): a throttled resource provider. */
export function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return sendArmError(
    reply,
    new ArmError(429, "TooManyRequests", `The request is being throttled. Please retry after ${retryAfterSeconds} seconds.`, {
      "retry-after": String(retryAfterSeconds),
    }),
  );
}
