// Admin routes of the GitHub emulator, under /github on the admin server: webhook targets and
// their deliveries (with redelivery), and the rate-limit budgets.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../../core/context";
import { GITHUB_WEBHOOK_SECRET } from "../../core/credentials";
import { rateLimitStore } from "../rate-limit";
import { webhookRegistry } from "./registry";
import { deliver } from "./sender";

const TargetBody = z
  .object({
    url: z.string().url(),
    secret: z.string().min(1).optional(),
    events: z.array(z.string()).optional(),
    type: z.enum(["app", "organization"]).optional(),
    /** Org login, for an organization hook. */
    org: z.string().optional(),
    retries: z.number().int().min(0).max(5).optional(),
  })
  .strict();

const RateLimitBody = z.object({ core: z.number().int().min(0).optional(), graphql: z.number().int().min(0).optional() }).strict();

const notFound = (what: string) => Object.assign(new Error(`${what} not found`), { statusCode: 404 });

export function registerGitHubAdmin(admin: FastifyInstance, ctx: EmulatorContext): void {
  const registry = webhookRegistry(ctx);
  const publicTarget = ({ secret: _secret, ...t }: (typeof registry.targets)[number]) => t;

  admin.post("/github/webhooks", async (request, reply) => {
    const body = TargetBody.parse(request.body ?? {});
    const type = body.type ?? (body.org ? "organization" : "app");
    const org = body.org ? ctx.world.org(body.org) : undefined;
    if (type === "organization" && !org) throw Object.assign(new Error("an organization hook needs a known `org`"), { statusCode: 400 });
    // A new hook hears what happens from now on, as on GitHub.
    const target = registry.add({
      url: body.url,
      secret: body.secret ?? GITHUB_WEBHOOK_SECRET,
      events: body.events ?? "*",
      type,
      orgIndex: org?.index ?? null,
      retries: body.retries ?? 0,
      cursor: ctx.world.events.length,
    });
    return reply.code(201).send(publicTarget(target));
  });

  admin.get("/github/webhooks", async () => registry.targets.map(publicTarget));

  admin.delete<{ Params: { id: string } }>("/github/webhooks/:id", async (request) => {
    if (!registry.remove(Number(request.params.id))) throw notFound("hook");
    return { deleted: true };
  });

  admin.delete("/github/webhooks", async () => {
    registry.clear();
    return { deleted: true };
  });

  admin.get<{ Querystring: { hook_id?: string; since?: string; include?: string } }>("/github/webhooks/deliveries", async (request) => {
    const hookId = request.query.hook_id === undefined ? undefined : Number(request.query.hook_id);
    const since = Number(request.query.since ?? 0);
    const withPayload = request.query.include === "payload";
    return registry.deliveries
      .filter((d) => (hookId === undefined || d.hookId === hookId) && d.id > since)
      .map(({ request: sent, ...d }) => (withPayload ? { ...d, request: sent } : d));
  });

  admin.post<{ Params: { id: string } }>("/github/webhooks/deliveries/:id/attempts", async (request, reply) => {
    const original = registry.deliveries.find((d) => d.id === Number(request.params.id));
    const target = original && registry.targets.find((t) => t.id === original.hookId);
    if (!original || !target) throw notFound("delivery");
    const { id: _id, status: _s, statusCode: _c, durationMs: _d, attempts: _a, deliveredAt: _at, error: _e, ...base } = original;
    const redelivered = await deliver(ctx, { ...target, retries: 0 }, { ...base, redelivery: true });
    const { request: _r, ...summary } = redelivered;
    return reply.code(202).send(summary);
  });

  admin.put("/github/rate-limit", async (request) => {
    const limits = RateLimitBody.parse(request.body ?? {});
    const store = rateLimitStore(ctx);
    store.overrides = { ...store.overrides, ...limits };
    return store.overrides;
  });

  admin.delete("/github/rate-limit", async () => {
    rateLimitStore(ctx).reset();
    return { reset: true };
  });
}
