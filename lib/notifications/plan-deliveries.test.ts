import { describe, expect, it } from "vitest";
import type { ActiveRule } from "./match-rule";
import { buildDigests, dedupKey, planDeliveries, toItem, type FoldedEvent } from "./plan-deliveries";
import { parseConditions, type Trigger } from "./rule-schema";
import { controlFailedEvent, criticalFindingEvent } from "./triggers";

const place = { organization_id: "org", repository_id: "r1", repository_full_name: "acme/api", team_ids: [] };
const rule = (trigger: Trigger, extra: Partial<ActiveRule> = {}, conditions: unknown = {}): ActiveRule => ({ id: `rule-${trigger}`, name: trigger, trigger, conditions: parseConditions(trigger, conditions), channel: "slack", digest: false, quietHours: null, ...extra });
const flip = (at: string) => controlFailedEvent({ ...place, control_id: "PRE-02", stage: "pre_commit", from_status: "pass", evaluated_at: new Date(at) });
const critical = (at: string) => criticalFindingEvent({ ...place, finding_id: "9", event_type: "opened", occurred_at: new Date(at), kind: "secret", title: "key", rule_id: "k", source: "github", stage: "pre_commit", url: null });

describe("de-duplication", () => {
  it("gives a flapping control one key per window", () => {
    const r = rule("control_failed");
    expect(dedupKey(flip("2026-11-20T01:00:00Z"), r)).toBe(dedupKey(flip("2026-11-20T23:00:00Z"), r));
    expect(dedupKey(flip("2026-11-20T01:00:00Z"), r)).not.toBe(dedupKey(flip("2026-11-21T01:00:00Z"), r));
    const hourly = rule("control_failed", {}, { dedupWindowHours: 1 });
    expect(dedupKey(flip("2026-11-20T01:00:00Z"), hourly)).not.toBe(dedupKey(flip("2026-11-20T02:30:00Z"), hourly));
  });
  it("plans one delivery per rule and key even when the window repeats an event", () => {
    const now = new Date("2026-11-20T23:30:00Z");
    const planned = planDeliveries([rule("control_failed")], [flip("2026-11-20T01:00:00Z"), flip("2026-11-20T05:00:00Z"), flip("2026-11-20T09:00:00Z")], now);
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ status: "pending", dedupKey: "control:r1:PRE-02:2026-11-20T00:00:00.000Z" });
  });
});

describe("digests", () => {
  const now = new Date("2026-11-20T10:00:00Z");
  it("folds non-critical events of digest rules and sends critical ones at once", () => {
    const planned = planDeliveries([rule("control_failed", { digest: true }), rule("critical_finding", { digest: true })], [flip("2026-11-20T09:00:00Z"), critical("2026-11-20T09:30:00Z")], now);
    expect(planned.map((p) => [p.payload.items[0]!.trigger, p.status, p.payload.digestDay])).toEqual([
      ["control_failed", "suppressed", "2026-11-20"],
      ["critical_finding", "pending", undefined],
    ]);
  });

  it("groups a finished day's folded events per rule, worst and oldest first, and waits for today", () => {
    const item = (title: string, severity: "high" | "medium", occurredAt: string) => ({ ...toItem(flip(occurredAt)), title, severity });
    const folded: FoldedEvent[] = [
      { ruleId: "a", digestDay: "2026-11-19", item: item("a-medium", "medium", "2026-11-19T01:00:00Z") },
      { ruleId: "a", digestDay: "2026-11-19", item: item("a-high-late", "high", "2026-11-19T09:00:00Z") },
      { ruleId: "a", digestDay: "2026-11-19", item: item("a-high-early", "high", "2026-11-19T02:00:00Z") },
      { ruleId: "b", digestDay: "2026-11-19", item: item("b", "medium", "2026-11-19T03:00:00Z") },
      { ruleId: "a", digestDay: "2026-11-20", item: item("today", "high", "2026-11-20T03:00:00Z") },
    ];
    const digests = buildDigests(folded, new Map([["a", "Rule A"]]), "2026-11-20");
    expect(digests.map((d) => [d.ruleId, d.dedupKey, d.payload.items.map((i) => i.title)])).toEqual([
      ["a", "digest:2026-11-19", ["a-high-early", "a-high-late", "a-medium"]],
      ["b", "digest:2026-11-19", ["b"]],
    ]);
    expect(digests[0]!.payload).toMatchObject({ kind: "digest", severity: "high", title: "Rampart daily digest for 2026-11-19 (Rule A): 3 events" });
  });
});
