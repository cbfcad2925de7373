// From matched events to delivery rows: the de-duplication key of each, whether it goes now or
// waits for the rule's daily digest, and the digests themselves. Pure; the job writes the rows
// with ON CONFLICT (rule_id, dedup_key) DO NOTHING, so whatever was planned before — by an
// earlier run, or by another worker — is never planned twice.
import { eventMatchesRule, type ActiveRule } from "./match-rule";
import type { ControlFailedConditions } from "./rule-schema";
import type { EventSeverity, NotificationEvent } from "./triggers";

/** One event as it is stored and shown. */
export interface MessageItem {
  trigger: NotificationEvent["trigger"];
  severity: EventSeverity;
  title: string;
  text: string;
  occurredAt: string;
  path: string | null;
  sourceUrl: string | null;
  facts: Record<string, string>;
}

/** What `notification_delivery.payload` holds. */
export interface DeliveryPayload {
  kind: "event" | "digest";
  title: string;
  severity: EventSeverity;
  items: MessageItem[];
  /** Set on an event folded into a digest: the UTC day of the digest that carries it. */
  digestDay?: string;
  /** After a failed attempt: not before this time (exponential backoff). */
  retryAt?: string;
}

export interface PlannedDelivery {
  ruleId: string;
  dedupKey: string;
  /** pending: to send; suppressed: folded into the rule's digest for `payload.digestDay`. */
  status: "pending" | "suppressed";
  payload: DeliveryPayload;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The UTC day (YYYY-MM-DD) of an instant. */
export const utcDayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** Start of the fixed window of `hours` that `at` falls in, as an ISO string. */
function windowStart(at: Date, hours: number): string {
  const size = hours * HOUR_MS;
  return new Date(Math.floor(at.getTime() / size) * size).toISOString();
}

/**
 * The identity of an event for one rule. Windows are fixed (aligned to the epoch), so every run
 * and every worker computes the same key for the same event:
 * - critical finding: once per finding per UTC day (a finding closed and reopened by flapping syncs notifies once that day);
 * - SLA breach: once per finding per breach time (a severity change moves the breach time and notifies again);
 * - control failed: once per repository and control per the rule's window (24 h by default), however often it flaps;
 * - score drop: once per scope, stage and day.
 */
export function dedupKey(event: NotificationEvent, rule: ActiveRule): string {
  switch (event.trigger) {
    case "critical_finding":
      return `${event.subject}:${windowStart(event.occurredAt, 24)}`;
    case "sla_breach":
      return `${event.subject}:breach:${event.occurredAt.toISOString()}`;
    case "control_failed":
      return `${event.subject}:${windowStart(event.occurredAt, (rule.conditions as ControlFailedConditions).dedupWindowHours)}`;
    case "score_drop":
      return `${event.subject}:${utcDayOf(event.occurredAt)}`;
  }
}

export function toItem(event: NotificationEvent): MessageItem {
  return { trigger: event.trigger, severity: event.severity, title: event.title, text: event.text, occurredAt: event.occurredAt.toISOString(), path: event.path, sourceUrl: event.sourceUrl, facts: event.facts };
}

/** Critical events always go in real time, past digests and quiet hours. */
export const isCritical = (severity: EventSeverity): boolean => severity === "critical";

/** Every (rule, event) pair that matches, as a delivery row to insert if new. */
export function planDeliveries(rules: readonly ActiveRule[], events: readonly NotificationEvent[], now: Date): PlannedDelivery[] {
  const planned = new Map<string, PlannedDelivery>();
  for (const rule of rules) {
    for (const event of events) {
      if (!eventMatchesRule(event, rule, now)) continue;
      const key = dedupKey(event, rule);
      const folded = rule.digest && !isCritical(event.severity);
      const payload: DeliveryPayload = { kind: "event", title: event.title, severity: event.severity, items: [toItem(event)], ...(folded ? { digestDay: utcDayOf(now) } : {}) };
      planned.set(`${rule.id}\u0000${key}`, { ruleId: rule.id, dedupKey: key, status: folded ? "suppressed" : "pending", payload });
    }
  }
  return [...planned.values()];
}

/** An event waiting in a rule's digest. */
export interface FoldedEvent {
  ruleId: string;
  digestDay: string;
  item: MessageItem;
}

const SEVERITY_ORDER: EventSeverity[] = ["critical", "high", "medium", "low", "info"];

/**
 * One digest delivery per rule per finished UTC day that has folded events, items worst first
 * then oldest first. `today`'s events wait: the day is not over.
 */
export function buildDigests(folded: readonly FoldedEvent[], ruleNames: ReadonlyMap<string, string>, today: string): PlannedDelivery[] {
  const groups = new Map<string, FoldedEvent[]>();
  for (const event of folded) {
    if (event.digestDay >= today) continue;
    const key = `${event.ruleId}\u0000${event.digestDay}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups.values()].map((group) => {
    const { ruleId, digestDay } = group[0]!;
    const items = group.map((g) => g.item).sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.occurredAt.localeCompare(b.occurredAt));
    const name = ruleNames.get(ruleId) ?? "notification rule";
    return {
      ruleId,
      dedupKey: `digest:${digestDay}`,
      status: "pending" as const,
      payload: { kind: "digest" as const, title: `Rampart daily digest for ${digestDay} (${name}): ${items.length} event${items.length === 1 ? "" : "s"}`, severity: items[0]!.severity, items },
    };
  });
}

/** Days before `today` whose digests may still be missing: look back a week, no further. */
export const digestLookbackStart = (today: string): string => utcDayOf(new Date(Date.parse(`${today}T00:00:00Z`) - 7 * DAY_MS));
