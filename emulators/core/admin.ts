// The admin endpoint: fault switches, request accounting, world mutation and inspection.
// Tests and benchmarks drive the emulators through it over HTTPS, like any other client.
import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import { EMULATOR_NAMES, type EmulatorContext, type EmulatorName } from "./context";
import { FaultConfigSchema } from "./faults";

const MutateBody = z.object({ fraction: z.number().min(0).max(1).optional(), stepMs: z.number().int().min(0).optional() }).strict();

function emulatorName(value: string): EmulatorName {
  if ((EMULATOR_NAMES as string[]).includes(value)) return value as EmulatorName;
  throw Object.assign(new Error(`Unknown emulator "${value}": ${EMULATOR_NAMES.join(", ")}`), { statusCode: 404 });
}

export async function buildAdminServer(ctx: EmulatorContext, extensions: ((app: FastifyInstance) => Promise<void> | void)[]): Promise<FastifyInstance> {
  const app = Fastify({ https: { key: ctx.tls.keyPem, cert: ctx.tls.certPem }, logger: false });
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error instanceof z.ZodError ? 400 : (error.statusCode ?? 500);
    reply.code(status).send({ error: error instanceof z.ZodError ? error.issues : error.message });
  });

  app.get("/faults", async () =>
    Object.fromEntries(EMULATOR_NAMES.map((n) => [n, { config: ctx.faults[n].config, injected: ctx.faults[n].counters.injected }])),
  );
  app.put<{ Params: { name: string } }>("/faults/:name", async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    // zod fills defaults even into a partial schema; keep only the switches the caller named,
    // so a PUT changes those and leaves the others as they were.
    const parsed = FaultConfigSchema.partial().strict().parse(body);
    const partial = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in body));
    return ctx.faults[emulatorName(request.params.name)].set(partial);
  });
  app.delete("/faults", async () => {
    for (const n of EMULATOR_NAMES) ctx.faults[n].reset();
    return { reset: true };
  });
  app.post("/faults/seed", async (request) => {
    const { seed } = z.object({ seed: z.number().int() }).parse(request.body);
    for (const n of EMULATOR_NAMES) ctx.faults[n].seed(seed);
    return { seed };
  });

  app.get("/accounting", async () => Object.fromEntries(EMULATOR_NAMES.map((n) => [n, ctx.accounting[n].snapshot()])));
  app.delete("/accounting", async () => {
    for (const n of EMULATOR_NAMES) ctx.accounting[n].reset();
    return { reset: true };
  });

  app.post("/mutate", async (request) => {
    const options = MutateBody.parse(request.body ?? {});
    const events = ctx.world.mutate(options);
    return { now: new Date(ctx.world.now).toISOString(), events: events.length, lastSeq: ctx.world.events.length };
  });
  app.get<{ Querystring: { since?: string } }>("/events", async (request) => {
    const since = Number(request.query.since ?? 0);
    return ctx.world.events.filter((e) => e.seq > since).slice(0, 10_000);
  });
  app.get("/world", async () => ({
    scale: ctx.world.scale.name,
    seed: ctx.world.seed,
    now: new Date(ctx.world.now).toISOString(),
    githubOrgs: ctx.world.github.orgs.length,
    repositories: ctx.world.github.orgs.reduce((n, o) => n + o.repos.length, 0),
    subscriptions: ctx.world.azure.subscriptions.length,
    azureDevOpsOrgs: ctx.world.azureDevOps.length,
    events: ctx.world.events.length,
  }));
  app.post("/tokens/expire", async (request) => {
    const { kind } = z.object({ kind: z.string().optional() }).parse(request.body ?? {});
    return { expired: ctx.tokens.expireAll(kind) };
  });

  for (const extend of extensions) await extend(app);
  return app;
}
