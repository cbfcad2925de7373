// Signing of generic webhook deliveries, and the check a receiver performs. Spec:
//
//   POST <target>
//   Content-Type: application/json; charset=utf-8
//   X-Rampart-Delivery: <delivery id>        same on every retry of one delivery
//   X-Rampart-Timestamp: <unix seconds>      time of this attempt; also "timestamp" in the body
//   X-Rampart-Signature-256: sha256=<hex>    HMAC-SHA256(secret, exact body bytes), lower-case hex
//
// The body carries `deliveryId` and `timestamp` too, so the signature covers them. A receiver:
//   1. computes HMAC-SHA256 over the raw body bytes (before any JSON parsing) and compares it
//      to the header in constant time;
//   2. rejects the request when body.timestamp differs from X-Rampart-Timestamp or is more than
//      5 minutes from its clock (a captured request cannot be replayed later);
//   3. remembers delivery ids it processed for that long and ignores repeats (a retry after a
//      lost response arrives with the same id).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-rampart-signature-256";
export const DELIVERY_HEADER = "x-rampart-delivery";
export const TIMESTAMP_HEADER = "x-rampart-timestamp";
/** How far a receiver should accept a timestamp from its own clock. */
export const REPLAY_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` of the body under the secret. */
export function signBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Whether `header` is a valid signature of `body` (constant-time). */
export function signatureMatches(secret: string, body: string | Uint8Array, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type VerifyResult = { ok: true; deliveryId: string } | { ok: false; reason: "bad_signature" | "bad_timestamp" | "stale" | "malformed" };

/**
 * The whole receiver check of steps 1 and 2 above (step 3 needs the receiver's own memory).
 * Exported for tests and as the reference for people writing receivers.
 */
export function verifyWebhookRequest(secret: string, rawBody: string | Uint8Array, headers: Record<string, string | string[] | undefined>, now: Date = new Date()): VerifyResult {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (!signatureMatches(secret, rawBody, header(SIGNATURE_HEADER))) return { ok: false, reason: "bad_signature" };
  let body: { deliveryId?: unknown; timestamp?: unknown };
  try {
    body = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const stamp = Number(header(TIMESTAMP_HEADER));
  if (!Number.isInteger(stamp) || body.timestamp !== stamp || String(body.deliveryId) !== header(DELIVERY_HEADER)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(now.getTime() / 1000 - stamp) > REPLAY_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  return { ok: true, deliveryId: String(body.deliveryId) };
}
