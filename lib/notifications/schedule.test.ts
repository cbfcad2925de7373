import { describe, expect, it } from "vitest";
import type { DeliveryPayload } from "./plan-deliveries";
import { heldReason, MAX_ATTEMPTS, nextRetryAt, quietHoursEnd } from "./schedule";

const night = { start: "22:00", end: "07:00", timeZone: "Europe/Berlin" };
const payload = (severity: DeliveryPayload["severity"], retryAt?: string): DeliveryPayload => ({ kind: "event", title: "t", severity, items: [], ...(retryAt ? { retryAt } : {}) });

describe("quiet hours", () => {
  it("holds until the end of a window that crosses midnight, in the rule's time zone", () => {
    // 23:30 in Berlin (UTC+1 in November) → held until 07:00 Berlin = 06:00 UTC.
    expect(quietHoursEnd(night, new Date("2026-11-20T22:30:00Z"))?.toISOString()).toBe("2026-11-21T06:00:00.000Z");
    // 03:15 Berlin, after midnight.
    expect(quietHoursEnd(night, new Date("2026-11-21T02:15:42Z"))?.toISOString()).toBe("2026-11-21T06:00:00.000Z");
    expect(quietHoursEnd(night, new Date("2026-11-21T06:00:00Z"))).toBeNull();
    expect(quietHoursEnd(night, new Date("2026-11-20T12:00:00Z"))).toBeNull();
  });
  it("supports a same-day window", () => {
    const lunch = { start: "12:00", end: "13:00", timeZone: "UTC" };
    expect(quietHoursEnd(lunch, new Date("2026-11-20T12:59:00Z"))?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    expect(quietHoursEnd(lunch, new Date("2026-11-20T13:00:00Z"))).toBeNull();
  });
  it("never holds a critical delivery", () => {
    const at = new Date("2026-11-20T22:30:00Z");
    expect(heldReason(payload("high"), night, at)).toMatchObject({ why: "quiet_hours" });
    expect(heldReason(payload("critical"), night, at)).toBeNull();
  });
});

describe("retries", () => {
  it("backs off exponentially from one minute and gives up after MAX_ATTEMPTS", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    const waits = [1, 2, 3, 4, 5].map((attempts) => (nextRetryAt(attempts, now)!.getTime() - now.getTime()) / 60_000);
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    expect(nextRetryAt(MAX_ATTEMPTS, now)).toBeNull();
  });
  it("holds a delivery until its retry time, critical or not", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(heldReason(payload("critical", "2026-11-20T00:01:00Z"), null, now)).toMatchObject({ why: "backoff" });
    expect(heldReason(payload("critical", "2026-11-20T00:00:00Z"), null, now)).toBeNull();
  });
});
