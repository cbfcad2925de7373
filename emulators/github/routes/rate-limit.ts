// GET /rate_limit: every budget of the caller. Free, as on GitHub: it spends nothing, though it
// carries the core headers like any response. The graphql figures come from the GraphQL
// endpoint's own budget.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { authenticate } from "../auth";
import { sendError } from "../errors";
import { authenticate as graphqlViewer } from "../graphql/auth";
import { graphqlRateLimits } from "../graphql";
import { rateLimitStore, remainingOf, setRateLimitHeaders, type RateResource, type RateWindow } from "../rate-limit";
import type { Schema } from "../schema-types";

const RESOURCES: RateResource[] = ["core", "search", "code_search", "integration_manifest"];

const shape = (w: RateWindow): Schema<"rate-limit"> => ({ limit: w.limit, used: w.used, remaining: remainingOf(w), reset: w.reset });

export function registerRateLimitRoute(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/rate_limit", async (request, reply) => {
    const auth = authenticate(ctx, request);
    if (!auth.ok) return sendError(reply, auth.error);
    const store = rateLimitStore(ctx);
    const windows = Object.fromEntries(RESOURCES.map((r) => [r, shape(store.peek(auth.principal, r))])) as Record<RateResource, Schema<"rate-limit">>;
    const viewer = graphqlViewer(ctx, request.headers.authorization);
    const graphql = viewer.ok
      ? (({ limit, used, remaining, resetAt }) => ({ limit, used, remaining, reset: Math.floor(resetAt / 1000) }))(graphqlRateLimits(ctx).peek(viewer.viewer))
      : { limit: 0, used: 0, remaining: 0, reset: windows.core.reset };
    setRateLimitHeaders(reply, store.peek(auth.principal, "core"), "core");
    const body: Schema<"rate-limit-overview"> = {
      resources: {
        core: windows.core,
        graphql,
        search: windows.search,
        code_search: windows.code_search,
        integration_manifest: windows.integration_manifest,
      },
      rate: windows.core,
    };
    return body;
  });
}
