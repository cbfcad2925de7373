// GitHub's primary rate limits: an hourly budget per user, installation or app (per IP when
// anonymous) and per resource, reported in x-ratelimit-* headers on every response; 403 with
// x-ratelimit-remaining: 0 when spent. Secondary limits answer 403 with retry-after. Budgets use
// the wall clock (clients compare x-ratelimit-reset with theirs), not the world's clock.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { GitHubPrincipal } from "./auth";
import { errorBody } from "./errors";
import { requestIdOf, supportTimestamp } from "./request-id";

export type RateResource = "core" | "graphql" | "search" | "code_search" | "integration_manifest" | "code_scanning_upload";

export const RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
export const SECONDARY_DOCS = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

const HOUR_S = 3600;
const AUTHENTICATED: Record<RateResource, number> = { core: 5000, graphql: 5000, search: 30, code_search: 10, integration_manifest: 5000, code_scanning_upload: 1000 };
const ANONYMOUS: Record<RateResource, number> = { core: 60, graphql: 0, search: 10, code_search: 0, integration_manifest: 5000, code_scanning_upload: 0 };
const SEARCH_LIKE: RateResource[] = ["search", "code_search"];

export interface RateWindow {
  limit: number;
  used: number;
  /** Epoch second the window resets. */
  reset: number;
}

/** Whose budget a caller spends, and how GitHub names them in its messages. */
export function budgetOwner(principal: GitHubPrincipal): { key: string; subject: string } {
  switch (principal.kind) {
    case "user":
      return { key: `user:${principal.userId}`, subject: `user ID ${principal.userId}` };
    case "installation":
      return { key: `installation:${principal.installationId}`, subject: `installation ID ${principal.installationId}` };
    case "app":
      return { key: `app:${principal.appId}`, subject: `app ID ${principal.appId}` };
    case "anonymous":
      return { key: `ip:${principal.ip}`, subject: principal.ip };
  }
}

export class RateLimitStore {
  private readonly windows = new Map<string, RateWindow>();
  /** Test/admin override of the authenticated limit per resource (e.g. a tiny core budget). */
  overrides: Partial<Record<RateResource, number>> = {};

  limitOf(principal: GitHubPrincipal, resource: RateResource): number {
    if (principal.kind === "anonymous") return ANONYMOUS[resource];
    return this.overrides[resource] ?? AUTHENTICATED[resource];
  }

  /** The caller's current window (a fresh one once the old reset time has passed). */
  peek(principal: GitHubPrincipal, resource: RateResource, nowMs = Date.now()): RateWindow {
    const key = `${budgetOwner(principal).key}:${resource}`;
    const limit = this.limitOf(principal, resource);
    let window = this.windows.get(key);
    if (!window || window.reset * 1000 <= nowMs) {
      // Search budgets are per minute, the others per hour, both starting at first use.
      const length = SEARCH_LIKE.includes(resource) ? 60 : HOUR_S;
      window = { limit, used: 0, reset: Math.floor(nowMs / 1000) + length };
      this.windows.set(key, window);
    }
    window.limit = limit;
    return window;
  }

  /** Spends `cost`; GitHub keeps counting past the limit (x-ratelimit-used > limit). */
  take(principal: GitHubPrincipal, resource: RateResource, cost = 1, nowMs = Date.now()): RateWindow {
    const window = this.peek(principal, resource, nowMs);
    window.used += cost;
    return { ...window };
  }

  reset(): void {
    this.windows.clear();
    this.overrides = {};
  }
}

const stores = new WeakMap<EmulatorContext, RateLimitStore>();

/** The budgets of this emulator run (shared by REST and GraphQL). */
export function rateLimitStore(ctx: EmulatorContext): RateLimitStore {
  let store = stores.get(ctx);
  if (!store) stores.set(ctx, (store = new RateLimitStore()));
  return store;
}

export function remainingOf(window: RateWindow): number {
  return Math.max(0, window.limit - window.used);
}

export function setRateLimitHeaders(reply: FastifyReply, window: RateWindow, resource: RateResource): void {
  reply.header("x-ratelimit-limit", String(window.limit));
  reply.header("x-ratelimit-remaining", String(remainingOf(window)));
  reply.header("x-ratelimit-reset", String(window.reset));
  reply.header("x-ratelimit-used", String(window.used));
  reply.header("x-ratelimit-resource", resource);
}

/** "API rate limit exceeded for installation ID 61000000. If you reach out…" */
export function primaryLimitMessage(request: FastifyRequest, principal: GitHubPrincipal, nowMs = Date.now()): string {
  const { subject } = budgetOwner(principal);
  if (principal.kind === "anonymous") {
    return `API rate limit exceeded for ${subject}. (But here is the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
  }
  return `API rate limit exceeded for ${subject}. If you reach out to GitHub Support for help, please include the request ID ${requestIdOf(request)} and timestamp ${supportTimestamp(nowMs)}.`;
}

/**
 * The primary-limit response. REST: 403 with x-ratelimit-remaining 0. GraphQL answers 200 with
 * a RATE_LIMITED error instead, as GitHub does.
 */
export function sendPrimaryRateLimit(request: FastifyRequest, reply: FastifyReply, principal: GitHubPrincipal, window: RateWindow, resource: RateResource): FastifyReply {
  setRateLimitHeaders(reply, { ...window, used: Math.max(window.used, window.limit) }, resource);
  reply.header("x-ratelimit-remaining", "0");
  if (resource === "graphql") {
    const { subject } = budgetOwner(principal);
    return reply.code(200).send({ errors: [{ type: "RATE_LIMITED", code: "graphql_rate_limit", message: `API rate limit already exceeded for ${subject}.` }] });
  }
  return reply.code(403).send(errorBody(403, primaryLimitMessage(request, principal), RATE_DOCS));
}

/** The secondary-limit response: 403, retry-after, GitHub's wording with the request id. */
export function sendSecondaryRateLimit(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestIdOf(request)}.`;
  return reply.code(403).header("retry-after", String(retryAfterSeconds)).send(errorBody(403, message, SECONDARY_DOCS));
}
