// The tracing headers ARM puts on every response, failures included: a request id, the
// client's correlation id (or a new one), and the routing id "<REGION>:<time>:<request id>".
// Ids come from a seeded sequence so two runs of the same test see the same ids.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";

const counters = new WeakMap<EmulatorContext, number>();

function nextRequestId(ctx: EmulatorContext): string {
  const n = (counters.get(ctx) ?? 0) + 1;
  counters.set(ctx, n);
  return Rng.of(ctx.world.seed, "arm-request", n).uuid();
}

function routingTime(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

export function stampArmHeaders(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = nextRequestId(ctx);
  const header = request.headers["x-ms-correlation-request-id"];
  const correlation = typeof header === "string" && header ? header : requestId;
  reply.header("x-ms-request-id", requestId);
  reply.header("x-ms-correlation-request-id", correlation);
  reply.header("x-ms-routing-request-id", `WESTEUROPE:${routingTime(new Date())}:${requestId}`);
  const clientRequestId = request.headers["x-ms-client-request-id"];
  if (typeof clientRequestId === "string") reply.header("x-ms-client-request-id", clientRequestId);
  reply.header("cache-control", "no-cache");
  reply.header("pragma", "no-cache");
  reply.header("expires", "-1");
}
