// One HTTPS server per emulator, with the fault and accounting hooks every emulator shares.
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { Readable } from "node:stream";
import type { EmulatorContext, EmulatorDefinition } from "./context";

const LATER_PAGE_PARAMS = ["after", "before", "cursor", "$skipToken", "skipToken", "$skiptoken", "continuationToken"];

/** Whether a request asks for a page after the first (where "data changes between pages" bites). */
export function isLaterPage(request: FastifyRequest): boolean {
  const query = request.query as Record<string, string | undefined>;
  if (Number(query.page ?? "1") > 1) return true;
  if (LATER_PAGE_PARAMS.some((p) => query[p])) return true;
  const body = request.body as { variables?: Record<string, unknown> } | undefined;
  return Boolean(body?.variables && Object.entries(body.variables).some(([k, v]) => /cursor|after/i.test(k) && v));
}

function truncated(payload: string | Buffer): Readable {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(half);
      // Give the headers and the first half time to reach the client, then cut the connection.
      setTimeout(() => this.destroy(new Error("response truncated by fault injection")), 50);
    },
  });
}

/** Builds the emulator's server (not yet listening). */
export async function buildEmulatorServer(definition: EmulatorDefinition, ctx: EmulatorContext): Promise<FastifyInstance> {
  const faults = ctx.faults[definition.name];
  const accounting = ctx.accounting[definition.name];
  const app = Fastify({
    https: { key: ctx.tls.keyPem, cert: ctx.tls.certPem },
    logger: false,
    bodyLimit: 25 * 1024 * 1024,
    routerOptions: {
      // Real APIs accept "/orgs/x/" and "/orgs/x" alike in places; be as forgiving.
      ignoreTrailingSlash: true,
      // Plain string values; routes parse exactly what the real API accepts.
      querystringParser: (s: string) => Object.fromEntries(new URLSearchParams(s)),
    },
  });

  const routeOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? "(no route)"}`;
  app.addHook("onRequest", async (request) => accounting.request(routeOf(request)));
  app.addHook("onResponse", async (request, reply) => {
    if (reply.statusCode >= 400) accounting.error(routeOf(request));
  });

  app.addHook("preHandler", async (request, reply) => {
    const delay = faults.delay();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (faults.changeBetweenPages(isLaterPage(request))) ctx.world.mutate({ fraction: 0.002, stepMs: 60_000 });
    const action = faults.roll();
    switch (action.kind) {
      case "none":
        return;
      case "reset":
        accounting.error(routeOf(request));
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case "server-error":
        return reply.code(action.status).send({ message: "Server Error (injected fault)" });
      case "rate-limit":
        return definition.rateLimited(request, reply, "primary", faults.config.retryAfterSeconds);
      case "secondary-rate-limit":
        return definition.rateLimited(request, reply, "secondary", faults.config.retryAfterSeconds);
      case "truncate":
      case "malformed":
        (request as FastifyRequest & { bodyFault?: string }).bodyFault = action.kind;
        return;
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    // The world's clock, not the host's: the data's timestamps are on it.
    reply.header("date", new Date(ctx.world.clock()).toUTCString());
    const fault = (request as FastifyRequest & { bodyFault?: string }).bodyFault;
    if (!fault || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    if (fault === "malformed") return `${String(payload).slice(0, Math.floor(String(payload).length / 3))}<!-- malformed by fault injection`;
    reply.header("content-length", Buffer.byteLength(payload));
    return truncated(payload);
  });

  await definition.register(app, ctx);
  return app;
}
