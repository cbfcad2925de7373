// The GitHub emulator: REST (apps, orgs, repos, protection, teams, GHAS alerts), GraphQL at
// /graphql, GitHub's rate limits and error bodies, and webhooks sent as the world changes.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext, EmulatorDefinition } from "../core/context";
import { authenticate, guard } from "./auth";
import { errorBody, GitHubError, REST_DOCS, sendError } from "./errors";
import { registerGraphql } from "./graphql";
import { rateLimitStore, sendPrimaryRateLimit, sendSecondaryRateLimit, setRateLimitHeaders } from "./rate-limit";
import { requestIdOf } from "./request-id";
import { registerCodeScanningRoutes } from "./routes/alerts-code-scanning";
import { registerDependabotRoutes } from "./routes/alerts-dependabot";
import { registerIssueRoutes } from "./routes/issues";
import { registerSecretScanningRoutes } from "./routes/alerts-secret-scanning";
import { registerAppRoutes } from "./routes/app";
import { registerOrgRoutes } from "./routes/orgs";
import { registerProtectionRoutes } from "./routes/protection";
import { registerRateLimitRoute } from "./routes/rate-limit";
import { registerRepoRoutes } from "./routes/repos";
import { registerTeamRoutes } from "./routes/teams";
import { registerGitHubAdmin } from "./webhooks/admin";
import { startWebhookSender } from "./webhooks/sender";

function registerRest(app: FastifyInstance, ctx: EmulatorContext): void {
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-github-request-id", requestIdOf(request));
    reply.header("x-github-media-type", "github.v3; format=json");
    reply.header("x-github-api-version-selected", "2022-11-28");
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof GitHubError) return sendError(reply, error);
    if (error.statusCode === 400 || error.statusCode === 415) return reply.code(400).send(errorBody(400, "Problems parsing JSON"));
    return reply.code(500).send(errorBody(500, "Server Error"));
  });
  app.setNotFoundHandler((request, reply) => {
    // Unknown paths cost a request like any other.
    if (!guard(ctx, request, reply, { auth: "public", docs: REST_DOCS })) return reply;
    return reply.code(404).send(errorBody(404, "Not Found", REST_DOCS));
  });

  registerRateLimitRoute(app, ctx);
  registerAppRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  registerRepoRoutes(app, ctx);
  registerProtectionRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerCodeScanningRoutes(app, ctx);
  registerSecretScanningRoutes(app, ctx);
  registerDependabotRoutes(app, ctx);
  registerIssueRoutes(app, ctx);
}

/** Contexts by Node server: rateLimited() gets only the request, and plugin scopes share the server. */
const contexts = new WeakMap<object, EmulatorContext>();

function ctxOf(request: FastifyRequest): EmulatorContext {
  const ctx = contexts.get(request.server.server);
  if (!ctx) throw new Error("GitHub emulator context not registered for this server");
  return ctx;
}

export const githubEmulator: EmulatorDefinition = {
  name: "github",
  register(app, ctx) {
    contexts.set(app.server, ctx);
    registerRest(app, ctx);
    registerGraphql(app, ctx);
    startWebhookSender(app, ctx);
  },
  rateLimited(request, reply, kind, retryAfterSeconds) {
    const ctx = ctxOf(request);
    const auth = authenticate(ctx, request);
    const principal = auth.ok ? auth.principal : { kind: "anonymous" as const, ip: request.ip };
    const resource = request.url.startsWith("/graphql") ? "graphql" : "core";
    const window = rateLimitStore(ctx).peek(principal, resource);
    if (kind === "secondary") {
      setRateLimitHeaders(reply, window, resource);
      return sendSecondaryRateLimit(request, reply, retryAfterSeconds);
    }
    // An injected exhaustion resets `retryAfterSeconds` from now, so clients that wait for
    // x-ratelimit-reset (as they must) recover within the fault campaign, not in an hour.
    const injected = { ...window, reset: Math.floor(Date.now() / 1000) + retryAfterSeconds };
    return sendPrimaryRateLimit(request, reply, principal, injected, resource);
  },
  registerAdmin: registerGitHubAdmin,
};
