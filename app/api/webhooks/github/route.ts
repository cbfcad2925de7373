// POST /api/webhooks/github — signed GHAS deliveries, applied through the reconcile path once each.
import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { ValidationError } from "@/lib/http/errors";
import { applyGitHubWebhook } from "@/lib/ingest/github/apply-webhook";

export const dynamic = "force-dynamic";

const Headers = z.object({
  event: z.string().regex(/^[a-z_]{1,64}$/, "X-GitHub-Event is missing or malformed"),
  deliveryId: z.string().min(1).max(100, "X-GitHub-Delivery is missing or malformed"),
});

export const POST = defineRoute({
  access: { signedWebhook: "github" },
  // GitHub caps payloads at 25 MB; GHAS alert events are a few kilobytes.
  maxBodyBytes: 1024 * 1024,
  handler: async ({ rawBody, request }) => {
    const headers = Headers.safeParse({ event: request.headers.get("x-github-event"), deliveryId: request.headers.get("x-github-delivery") });
    if (!headers.success) throw new ValidationError(headers.error.issues[0]?.message ?? "Missing GitHub headers.");
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      throw new ValidationError("Request body is not valid JSON.");
    }
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw new ValidationError("Webhook payload must be a JSON object.");
    if (headers.data.event === "ping") return { ok: true, event: "ping" };
    const outcome = await applyGitHubWebhook({ ...headers.data, payload: payload as Record<string, unknown> });
    return { ok: true, event: headers.data.event, ...outcome };
  },
});
