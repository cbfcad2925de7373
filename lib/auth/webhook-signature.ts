// Signed-webhook verification, in one place: the route wrapper calls it before a webhook
// handler sees a byte, so an unsigned or forged delivery never reaches lib/ingest.
import { Webhooks } from "@octokit/webhooks";
import { env } from "../env";
import { ServiceUnavailableError, UnauthorizedError } from "../http/errors";

export type WebhookSender = "github";

/** Throws unless `signature` is GitHub's HMAC-SHA256 of `body` with the configured secret (constant-time). */
export async function verifyWebhookSignature(sender: WebhookSender, body: string, signature: string | null): Promise<void> {
  const secret = env().GITHUB_WEBHOOK_SECRET;
  if (!secret) throw new ServiceUnavailableError("GitHub webhooks are not configured (GITHUB_WEBHOOK_SECRET is unset).");
  if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) throw new UnauthorizedError("Missing or malformed X-Hub-Signature-256.");
  const valid = await new Webhooks({ secret }).verify(body, signature).catch(() => false);
  if (!valid) throw new UnauthorizedError("Invalid webhook signature.");
}
