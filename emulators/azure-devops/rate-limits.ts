// Azure DevOps' global consumption limit: each identity may use 200 TSTUs in a sliding five-
// minute window. Past it, requests are delayed (still 200, with X-RateLimit-Delay and
// Retry-After); well past it they are blocked with 429. The X-RateLimit-* headers appear once
// an identity approaches the limit. Costs and limits are admin settings so tests can reach them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context";
import { identityOf } from "./auth";
import { VssError, sendVssError } from "./errors";

const WINDOW_SECONDS = 300;

export const AdoSettingsSchema = z
  .object({
    /** TSTUs an identity may use per window before delays. */
    tstuLimit: z.number().positive(),
    /** TSTUs one request costs (a light read costs a small fraction of a TSTU). */
    tstuPerRequest: z.number().min(0),
    /** Usage (as a multiple of the limit) at which requests are blocked instead of delayed. */
    blockAt: z.number().min(1),
    /** Longest delay imposed on one request, in ms (the service goes up to 30 s). */
    maxDelayMs: z.number().int().min(0).max(30_000),
  })
  .strict();

export type AdoSettings = z.infer<typeof AdoSettingsSchema>;

const defaults = (): AdoSettings => ({ tstuLimit: 200, tstuPerRequest: 0.1, blockAt: 1.5, maxDelayMs: 30_000 });

class Usage {
  /** identity → second → TSTUs spent in that second. */
  private readonly buckets = new Map<string, Map<number, number>>();

  /** Records `cost` now and returns the identity's usage over the window. */
  add(identity: string, cost: number, nowSeconds: number): number {
    let buckets = this.buckets.get(identity);
    if (!buckets) this.buckets.set(identity, (buckets = new Map()));
    for (const second of buckets.keys()) if (second <= nowSeconds - WINDOW_SECONDS) buckets.delete(second);
    buckets.set(nowSeconds, (buckets.get(nowSeconds) ?? 0) + cost);
    let used = 0;
    for (const value of buckets.values()) used += value;
    return used;
  }
}

interface State {
  settings: AdoSettings;
  usage: Usage;
}

const states = new WeakMap<EmulatorContext, State>();

function state(ctx: EmulatorContext): State {
  let found = states.get(ctx);
  if (!found) states.set(ctx, (found = { settings: defaults(), usage: new Usage() }));
  return found;
}

const RESOURCE = "Core/TSTU";

function headers(limit: number, used: number, resetAt: number, delaySeconds: number): Record<string, string> {
  return {
    "x-ratelimit-resource": RESOURCE,
    "x-ratelimit-delay": delaySeconds.toFixed(3),
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, Math.floor(limit - used))),
    "x-ratelimit-reset": String(resetAt),
  };
}

/** Charges the request to its identity; delays, blocks or annotates it as the service would. */
export async function chargeRequest(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const identity = identityOf(request);
  if (!identity) return;
  const { settings, usage } = state(ctx);
  const now = Math.floor(Date.now() / 1000);
  const used = usage.add(identity.id, settings.tstuPerRequest, now);
  const resetAt = now + WINDOW_SECONDS;
  if (used >= settings.tstuLimit * settings.blockAt) {
    const retryAfter = Math.max(1, Math.round(WINDOW_SECONDS * (1 - settings.tstuLimit / used)));
    throw new VssError(
      429,
      "RequestBlockedException",
      `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource '${RESOURCE}' in namespace 'User'.`,
      { ...headers(settings.tstuLimit, used, resetAt, 0), "retry-after": String(retryAfter) },
      "Microsoft.TeamFoundation.Framework.Server",
    );
  }
  if (used >= settings.tstuLimit) {
    const delayMs = Math.min(settings.maxDelayMs, Math.round(((used - settings.tstuLimit) / settings.tstuLimit) * 30_000));
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    for (const [name, value] of Object.entries(headers(settings.tstuLimit, used, resetAt, delayMs / 1000))) reply.header(name, value);
    reply.header("retry-after", String(Math.max(1, Math.ceil(delayMs / 1000))));
  } else if (used >= settings.tstuLimit / 2) {
    for (const [name, value] of Object.entries(headers(settings.tstuLimit, used, resetAt, 0))) reply.header(name, value);
  }
}

/** The injected-fault 429 (EmulatorDefinition.rateLimited). */
export function sendRateLimited(ctx: EmulatorContext, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const { settings } = state(ctx);
  const now = Math.floor(Date.now() / 1000);
  return sendVssError(
    reply,
    new VssError(
      429,
      "RequestBlockedException",
      `TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource '${RESOURCE}' in namespace 'User'.`,
      { ...headers(settings.tstuLimit, settings.tstuLimit, now + WINDOW_SECONDS, 0), "retry-after": String(retryAfterSeconds) },
      "Microsoft.TeamFoundation.Framework.Server",
    ),
  );
}

/** Admin routes: GET/PUT/DELETE /azureDevOps/settings (DELETE also forgets usage). */
export function registerAdoSettings(admin: FastifyInstance, ctx: EmulatorContext): void {
  admin.get("/azureDevOps/settings", async () => state(ctx).settings);
  admin.put("/azureDevOps/settings", async (request) => Object.assign(state(ctx).settings, AdoSettingsSchema.partial().parse(request.body ?? {})));
  admin.delete("/azureDevOps/settings", async () => {
    states.set(ctx, { settings: defaults(), usage: new Usage() });
    return state(ctx).settings;
  });
}
