import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookRequest } from "./channel-payloads";
import { signBody, signatureMatches, verifyWebhookRequest } from "./signature";

const SECRET = "receiver-shared-secret";

describe("webhook signature", () => {
  it("is sha256=<lower-case hex HMAC-SHA256 of the exact body>", () => {
    const body = '{"a":1}';
    expect(signBody(SECRET, body)).toBe(`sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
    expect(signBody(SECRET, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureMatches(SECRET, body, signBody(SECRET, body))).toBe(true);
    expect(signatureMatches(SECRET, '{"a":2}', signBody(SECRET, body))).toBe(false);
    expect(signatureMatches("other-secret-value", body, signBody(SECRET, body))).toBe(false);
  });

  const now = new Date("2026-11-20T12:00:00Z");
  const request = webhookRequest({ deliveryId: "17", rule: { id: "r", name: "n" }, payload: { kind: "event", title: "t", severity: "high", items: [] }, origin: null, now }, SECRET);

  it("puts delivery id and timestamp in headers and in the signed body", () => {
    expect(request.headers).toMatchObject({ "x-rampart-delivery": "17", "x-rampart-timestamp": String(now.getTime() / 1000) });
    expect(JSON.parse(request.body)).toMatchObject({ deliveryId: "17", timestamp: now.getTime() / 1000 });
    expect(verifyWebhookRequest(SECRET, request.body, request.headers, now)).toEqual({ ok: true, deliveryId: "17" });
  });

  it("lets a receiver reject tampering, a swapped timestamp header and replays", () => {
    expect(verifyWebhookRequest(SECRET, request.body.replace('"high"', '"low"'), request.headers, now)).toMatchObject({ reason: "bad_signature" });
    expect(verifyWebhookRequest(SECRET, request.body, { ...request.headers, "x-rampart-timestamp": String(now.getTime() / 1000 + 600) }, now)).toMatchObject({ reason: "bad_timestamp" });
    expect(verifyWebhookRequest(SECRET, request.body, request.headers, new Date(now.getTime() + 10 * 60_000))).toMatchObject({ reason: "stale" });
  });
});
