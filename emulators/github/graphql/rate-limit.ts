// GraphQL's primary rate limit: 5,000 points an hour per user (all of a user's tokens) or per
// installation, in a window that opens with the first query and resets an hour later. Kept
// apart from REST's "core" budget, as GitHub does ("x-ratelimit-resource: graphql").
import type { EmulatorContext } from "../../core/context";
import type { Viewer } from "./auth";

export const GRAPHQL_POINTS_PER_HOUR = 5_000;
const WINDOW_MS = 3_600_000;

export interface RateLimitState {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch milliseconds when the window resets. */
  resetAt: number;
}

interface Window {
  used: number;
  resetAt: number;
}

export class GraphqlRateLimits {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: () => number = Date.now) {}

  private window(key: string): Window {
    const now = this.clock();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    return window;
  }

  /** The budget as it stands, without spending. */
  peek(viewer: Viewer): RateLimitState {
    return stateOf(this.window(keyOf(viewer)));
  }

  /** Spends `cost` points if they are there; `false` (and nothing spent) when they are not. */
  spend(viewer: Viewer, cost: number): { allowed: boolean; state: RateLimitState; alreadyExhausted: boolean } {
    const window = this.window(keyOf(viewer));
    const remaining = GRAPHQL_POINTS_PER_HOUR - window.used;
    if (cost > remaining) return { allowed: false, state: stateOf(window), alreadyExhausted: remaining <= 0 };
    window.used += cost;
    return { allowed: true, state: stateOf(window), alreadyExhausted: false };
  }

  /** Forgets every window (admin reset, tests). */
  reset(): void {
    this.windows.clear();
  }
}

function keyOf(viewer: Viewer): string {
  return `${viewer.owner.type}:${viewer.owner.id}`;
}

function stateOf(window: Window): RateLimitState {
  return {
    limit: GRAPHQL_POINTS_PER_HOUR,
    used: window.used,
    remaining: Math.max(0, GRAPHQL_POINTS_PER_HOUR - window.used),
    resetAt: window.resetAt,
  };
}

const perContext = new WeakMap<EmulatorContext, GraphqlRateLimits>();

/** The GraphQL budgets of one emulator set (REST's GET /rate_limit can report `resources.graphql` from it). */
export function graphqlRateLimits(ctx: EmulatorContext): GraphqlRateLimits {
  let limits = perContext.get(ctx);
  if (!limits) perContext.set(ctx, (limits = new GraphqlRateLimits()));
  return limits;
}

/** GitHub's rate-limit headers for a GraphQL response. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(state.remaining),
    "x-ratelimit-reset": String(Math.floor(state.resetAt / 1000)),
    "x-ratelimit-used": String(state.used),
    "x-ratelimit-resource": "graphql",
  };
}
