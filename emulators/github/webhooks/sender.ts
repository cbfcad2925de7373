// The webhook sender: polls the world's event log and POSTs each new GitHub event to every
// target, in order, signed as GitHub signs (X-Hub-Signature-256 = HMAC-SHA256 of the raw body),
// with GitHub's delivery headers. Stops with the server.
import { createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { GITHUB_APP_ID, githubInstallationId } from "../../core/credentials";
import { Rng } from "../../core/random";
import { messageFor, type WebhookMessage } from "./payloads";
import { webhookRegistry, type Delivery, type WebhookTarget } from "./registry";

const POLL_MS = 150;
/** GitHub gives a receiver 10 seconds. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** Events per target per tick, so one large mutation cannot stall the loop. */
const BATCH = 250;
const HOOKSHOT = "GitHub-Hookshot/8e4e1a2";

export function signatures(secret: string, body: string): { sha1: string; sha256: string } {
  return {
    sha1: `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
    sha256: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
}

function requestFor(ctx: EmulatorContext, target: WebhookTarget, message: WebhookMessage, deliveryNumber: number) {
  const org = ctx.world.github.orgs[message.orgIndex]!;
  const installationId = githubInstallationId(message.orgIndex);
  // App hooks say which installation the event belongs to; org hooks do not.
  const payload = target.type === "app" ? { ...message.body, installation: { id: installationId, node_id: Buffer.from(`010:Installation${installationId}`).toString("base64") } } : message.body;
  const body = JSON.stringify(payload);
  const { sha1, sha256 } = signatures(target.secret, body);
  const headers: Record<string, string> = {
    accept: "*/*",
    "content-type": "application/json",
    "user-agent": HOOKSHOT,
    "x-github-delivery": Rng.of(ctx.world.seed, "delivery", target.id, deliveryNumber).uuid(),
    "x-github-event": message.event,
    "x-github-hook-id": String(target.id),
    "x-github-hook-installation-target-id": String(target.type === "app" ? GITHUB_APP_ID : org.id),
    "x-github-hook-installation-target-type": target.type === "app" ? "integration" : "organization",
    "x-hub-signature": sha1,
    "x-hub-signature-256": sha256,
  };
  return { headers, body };
}

/** POSTs one delivery (with the target's retries) and records the outcome. */
export async function deliver(ctx: EmulatorContext, target: WebhookTarget, base: Omit<Delivery, "id" | "status" | "statusCode" | "durationMs" | "attempts" | "deliveredAt">): Promise<Delivery> {
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | undefined;
  let attempts = 0;
  while (attempts <= target.retries) {
    attempts++;
    try {
      const response = await fetch(target.url, { method: "POST", headers: base.request.headers, body: base.request.body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      error = response.ok ? undefined : `HTTP ${response.status}`;
    } catch (e) {
      statusCode = null;
      error = e instanceof Error ? e.message : String(e);
    }
    if (!error) break;
    if (attempts <= target.retries) await new Promise((r) => setTimeout(r, 100 * attempts));
  }
  return webhookRegistry(ctx).record({
    ...base,
    deliveredAt: new Date(started).toISOString(),
    status: error ? "failed" : "OK",
    statusCode,
    durationMs: Date.now() - started,
    attempts,
    ...(error ? { error } : {}),
  });
}

async function drain(ctx: EmulatorContext, target: WebhookTarget): Promise<void> {
  const events = ctx.world.events;
  const until = Math.min(events.length, target.cursor + BATCH);
  while (target.cursor < until) {
    const event = events[target.cursor++]!;
    const message = messageFor(ctx, event);
    if (!message) continue;
    if (target.type === "organization" && target.orgIndex !== message.orgIndex) continue;
    if (target.events !== "*" && !target.events.includes(message.event)) continue;
    const request = requestFor(ctx, target, message, target.cursor);
    await deliver(ctx, target, { guid: request.headers["x-github-delivery"]!, hookId: target.id, event: message.event, action: message.action, seq: event.seq, redelivery: false, request });
  }
}

/** Starts polling `ctx.world.events`; the server's onClose stops it. */
export function startWebhookSender(app: FastifyInstance, ctx: EmulatorContext): void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    const targets = webhookRegistry(ctx).targets.filter((t) => t.cursor < ctx.world.events.length);
    if (targets.length === 0) return;
    busy = true;
    void Promise.all(targets.map((t) => drain(ctx, t))).finally(() => (busy = false));
  }, POLL_MS);
  // Never keep a process alive just to poll.
  timer.unref();
  app.addHook("onClose", async () => clearInterval(timer));
}
