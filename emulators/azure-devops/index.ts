// Azure DevOps: the audit log (auditservice.dev.azure.com) and the inventory and location
// APIs clients need around it (dev.azure.com), on one server, with PAT and Entra bearer auth
// and the global consumption limit's delays, 429s and X-RateLimit-* headers. posture.ts serves
// branch policies, pipelines, environments and checks, Git permissions and Graph groups.
import type { EmulatorDefinition } from "../core/context";
import { Rng } from "../core/random";
import { registerAuditLog } from "./audit-log";
import { authenticate } from "./auth";
import { installErrorHandlers } from "./errors";
import { registerInventory } from "./inventory";
import { registerLocations } from "./locations";
import { registerPosture } from "./posture";
import { registerWorkItems } from "./work-items";
import { chargeRequest, registerAdoSettings, sendRateLimited } from "./rate-limits";

const contexts = new WeakMap<object, Parameters<EmulatorDefinition["register"]>[1]>();

export const azureDevOpsEmulator: EmulatorDefinition = {
  name: "azureDevOps",
  register(app, ctx) {
    contexts.set(app, ctx);
    installErrorHandlers(app);
    // Every response carries the service's tracing ids, injected failures included.
    let requests = 0;
    app.addHook("onRequest", async (_request, reply) => {
      const id = Rng.of(ctx.world.seed, "ado-activity", ++requests).uuid();
      reply.header("activityid", id);
      reply.header("x-vss-e2eid", id);
      reply.header("x-tfs-session", id);
    });
    app.addHook("preHandler", async (request, reply) => {
      await authenticate(ctx, request, (request.params as { organization?: string }).organization);
      await chargeRequest(ctx, request, reply);
    });
    registerAuditLog(app, ctx);
    registerInventory(app, ctx);
    registerLocations(app, ctx);
    registerPosture(app, ctx);
    registerWorkItems(app, ctx);
  },
  rateLimited(request, reply, _kind, retryAfterSeconds) {
    const ctx = contexts.get(request.server);
    if (!ctx) return reply.code(429).header("retry-after", String(retryAfterSeconds)).send();
    return sendRateLimited(ctx, reply, retryAfterSeconds);
  },
  registerAdmin(admin, ctx) {
    registerAdoSettings(admin, ctx);
  },
};
