// When a pending delivery may be attempted: after its backoff, and outside the rule's quiet
// hours unless it is critical. Quiet hours are checked when sending rather than stamped when
// planning, so editing a rule's window applies to what is already waiting. Pure.
import type { DeliveryPayload } from "./plan-deliveries";
import { isCritical } from "./plan-deliveries";
import type { QuietHours } from "./rule-schema";

/** Attempts before a delivery is given up and marked failed. */
export const MAX_ATTEMPTS = 6;
/** First retry after this long; each later one waits twice as long (1, 2, 4, 8, 16 min). */
export const RETRY_BASE_MS = 60_000;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function nextRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local wall-clock minutes since midnight (and seconds) of `at` in `timeZone`. */
function localClock(at: Date, timeZone: string): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minutes: part("hour") * 60 + part("minute"), seconds: part("second") };
}

/**
 * The end of the quiet window `now` is in, or null when `now` is outside it. A window may
 * cross midnight (22:00–07:00). The end is computed by wall-clock distance, so on a night the
 * clocks change it can be an hour off; deliveries then go an hour early or late.
 */
export function quietHoursEnd(quiet: QuietHours, now: Date): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const { minutes, seconds } = localClock(now, quiet.timeZone);
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  const wait = (end - minutes + 24 * 60) % (24 * 60);
  return new Date(now.getTime() - seconds * 1000 - (now.getTime() % 1000) + wait * 60_000);
}

/** Why a pending delivery is not attempted now, or null when it is due. */
export function heldReason(payload: DeliveryPayload, quiet: QuietHours | null, now: Date): { until: Date; why: "backoff" | "quiet_hours" } | null {
  if (payload.retryAt && Date.parse(payload.retryAt) > now.getTime()) return { until: new Date(payload.retryAt), why: "backoff" };
  if (quiet && !isCritical(payload.severity)) {
    const until = quietHoursEnd(quiet, now);
    if (until) return { until, why: "quiet_hours" };
  }
  return null;
}
