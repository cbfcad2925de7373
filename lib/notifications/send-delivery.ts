// One attempt at one delivery through its rule's channel. Never throws: whatever goes wrong
// (sealed credentials unreadable, address refused, receiver down, timeout, non-2xx) comes back
// as a result the job records on the delivery row.
import { emailMessage, slackRequest, teamsRequest, webhookRequest, type DeliveryContext, type OutboundRequest } from "./channel-payloads";
import { postJson, type PostResult } from "./http-post";
import type { DeliveryPayload } from "./plan-deliveries";
import type { Channel } from "./rule-schema";
import { openChannel } from "./rules";
import type { TargetPolicy } from "./target-policy";

/**
 * Sends mail. Rampart ships no implementation yet (no SMTP client among its dependencies); a
 * deployment that wants email plugs one in here, and email rules are refused until then.
 */
export interface EmailTransport {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export interface SendableRule {
  id: string;
  name: string;
  channel: Channel;
  target: string;
  secretCiphertext: Uint8Array | null;
}

export interface SendOptions {
  policy: TargetPolicy;
  origin: string | null;
  timeoutMs: number;
  email?: EmailTransport;
}

const failure = (error: string): PostResult => ({ status: null, ok: false, error });

/** Tries to deliver once and reports what happened. */
export async function attemptDelivery(delivery: { id: string; payload: DeliveryPayload }, rule: SendableRule, options: SendOptions): Promise<PostResult> {
  const context: DeliveryContext = { deliveryId: delivery.id, rule: { id: rule.id, name: rule.name }, payload: delivery.payload, origin: options.origin, now: new Date() };
  if (rule.channel === "email") {
    if (!options.email) return failure("email delivery is not available: no SMTP transport is configured");
    try {
      await options.email.send({ to: rule.target, ...emailMessage(context) });
      return { status: null, ok: true, error: null };
    } catch (error) {
      return failure(`SMTP: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let channel: { url: string; signingSecret: string | null };
  try {
    channel = openChannel(rule);
  } catch (error) {
    return failure(`cannot open the rule's sealed credentials (was RAMPART_SECRET_KEY changed?): ${error instanceof Error ? error.message : String(error)}`);
  }
  let request: OutboundRequest;
  if (rule.channel === "teams") request = teamsRequest(context);
  else if (rule.channel === "slack") request = slackRequest(context);
  else if (channel.signingSecret) request = webhookRequest(context, channel.signingSecret);
  else return failure("webhook rule has no signing secret");
  return postJson(channel.url, request.body, request.headers, { policy: options.policy, timeoutMs: options.timeoutMs });
}
