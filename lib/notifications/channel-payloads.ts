// The request each channel expects, built from a stored delivery. Pure.
//
// - Microsoft Teams: an Adaptive Card posted to a Teams *Workflows* webhook ("When a Teams
//   webhook request is received", Power Automate), in the message envelope that trigger takes:
//   { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: <card> }] }.
//   Chosen over the legacy Office 365 connector MessageCard because Microsoft is retiring
//   connectors; workflow webhooks answer 202 Accepted.
// - Slack: an incoming webhook's { text, blocks } (text is the notification fallback).
// - Generic webhook: JSON (shape below), signed as described in signature.ts.
import type { DeliveryPayload, MessageItem } from "./plan-deliveries";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from "./signature";

export interface OutboundRequest {
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryContext {
  deliveryId: string;
  rule: { id: string; name: string };
  payload: DeliveryPayload;
  /** RAMPART_ORIGIN, to turn Rampart paths into links; without it no links are sent. */
  origin: string | null;
  now: Date;
}

/** Cards and Slack messages have size limits; a big digest lists this many and counts the rest. */
const MAX_ITEMS_SHOWN = 15;

const link = (origin: string | null, path: string | null) => (origin && path ? new URL(path, origin).toString() : null);

function shown(items: MessageItem[]): { items: MessageItem[]; more: number } {
  return { items: items.slice(0, MAX_ITEMS_SHOWN), more: Math.max(0, items.length - MAX_ITEMS_SHOWN) };
}

export function teamsRequest(context: DeliveryContext): OutboundRequest {
  const { items, more } = shown(context.payload.items);
  const body: unknown[] = [{ type: "TextBlock", text: context.payload.title, weight: "Bolder", size: "Medium", wrap: true, color: context.payload.severity === "critical" ? "Attention" : "Default" }];
  for (const item of items) {
    const url = link(context.origin, item.path) ?? item.sourceUrl;
    body.push(
      { type: "TextBlock", text: url ? `[${item.title}](${url})` : item.title, weight: "Bolder", wrap: true, separator: true, spacing: "Medium" },
      { type: "TextBlock", text: item.text, wrap: true, spacing: "Small" },
      { type: "FactSet", facts: Object.entries(item.facts).map(([title, value]) => ({ title, value })) },
    );
  }
  if (more) body.push({ type: "TextBlock", text: `…and ${more} more in Rampart.`, isSubtle: true, wrap: true });
  const card = { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, msteams: { width: "Full" } };
  return { body: JSON.stringify({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] }), headers: {} };
}

/** Slack mrkdwn treats &, < and > as markup. */
const slackEscape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function slackRequest(context: DeliveryContext): OutboundRequest {
  const { items, more } = shown(context.payload.items);
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: context.payload.title.slice(0, 150), emoji: false } }];
  for (const item of items) {
    const url = link(context.origin, item.path) ?? item.sourceUrl;
    const heading = url ? `*<${url}|${slackEscape(item.title)}>*` : `*${slackEscape(item.title)}*`;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `${heading}\n${slackEscape(item.text)}`.slice(0, 3000) } });
    const facts = Object.entries(item.facts).map(([k, v]) => `${slackEscape(k)}: ${slackEscape(v)}`);
    if (facts.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: facts.join(" · ").slice(0, 3000) }] });
  }
  if (more) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${more} more in Rampart.` }] });
  return { body: JSON.stringify({ text: context.payload.title, blocks }), headers: {} };
}

/**
 * Generic webhook body:
 *   { deliveryId, timestamp (unix s), rule: { id, name }, kind: "event" | "digest", title,
 *     severity, items: [{ trigger, severity, title, text, occurredAt, url, sourceUrl, facts }] }
 */
export function webhookRequest(context: DeliveryContext, secret: string): OutboundRequest {
  const timestamp = Math.floor(context.now.getTime() / 1000);
  const body = JSON.stringify({
    deliveryId: context.deliveryId,
    timestamp,
    rule: context.rule,
    kind: context.payload.kind,
    title: context.payload.title,
    severity: context.payload.severity,
    items: context.payload.items.map(({ path, ...item }) => ({ ...item, url: link(context.origin, path) })),
  });
  return { body, headers: { [DELIVERY_HEADER]: context.deliveryId, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, body) } };
}

/** A plain-text email for the email channel (subject and body). */
export function emailMessage(context: Omit<DeliveryContext, "deliveryId" | "now">): { subject: string; text: string } {
  const lines = context.payload.items.map((item) => {
    const url = link(context.origin, item.path) ?? item.sourceUrl;
    const facts = Object.entries(item.facts).map(([k, v]) => `  ${k}: ${v}`);
    return [`• ${item.title}`, `  ${item.text}`, ...facts, ...(url ? [`  ${url}`] : [])].join("\n");
  });
  return { subject: `[Rampart] ${context.payload.title}`, text: `${lines.join("\n\n")}\n\n— Rampart notification rule "${context.rule.name}"\n` };
}
