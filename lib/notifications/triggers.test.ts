import { describe, expect, it } from "vitest";
import { eventMatchesRule, type ActiveRule } from "./match-rule";
import { parseConditions, type Trigger } from "./rule-schema";
import { controlFailedEvent, criticalFindingEvent, scoreDropEvent, slaBreachEvent } from "./triggers";

const NOW = new Date("2026-11-20T12:00:00Z");
const ORG = "00000000-0000-4000-8000-0000000000a1";
const TEAM = "00000000-0000-4000-8000-0000000000b1";
const OTHER_TEAM = "00000000-0000-4000-8000-0000000000b2";
const place = { organization_id: ORG, repository_id: "r1", repository_full_name: "acme/api", team_ids: [TEAM] };

const rule = (trigger: Trigger, conditions: unknown = {}): ActiveRule => ({ id: "rule", name: "r", trigger, conditions: parseConditions(trigger, conditions), channel: "webhook", digest: false, quietHours: null });

const critical = criticalFindingEvent({ ...place, finding_id: "42", event_type: "opened", occurred_at: new Date("2026-11-20T11:00:00Z"), kind: "secret", title: "AWS key", rule_id: "aws_key", source: "github", stage: "pre_commit", url: null });

describe("critical finding trigger", () => {
  it("describes the finding and links to it", () => {
    expect(critical).toMatchObject({ trigger: "critical_finding", subject: "finding:42", severity: "critical", path: "/findings/42", title: "Critical secret finding in acme/api" });
  });
  it("filters by kind and ignores findings the source reported long ago", () => {
    expect(eventMatchesRule(critical, rule("critical_finding", { kinds: ["secret"] }), NOW)).toBe(true);
    expect(eventMatchesRule(critical, rule("critical_finding", { kinds: ["code"] }), NOW)).toBe(false);
    expect(eventMatchesRule({ ...critical, occurredAt: new Date("2026-10-01T00:00:00Z") }, rule("critical_finding"), NOW)).toBe(false);
  });
  it("applies the rule's team and organization scope", () => {
    expect(eventMatchesRule(critical, rule("critical_finding", { scope: { kind: "team", teamIds: [TEAM] } }), NOW)).toBe(true);
    expect(eventMatchesRule(critical, rule("critical_finding", { scope: { kind: "team", teamIds: [OTHER_TEAM] } }), NOW)).toBe(false);
    expect(eventMatchesRule(critical, rule("critical_finding", { scope: { kind: "organization", organizationIds: [ORG] } }), NOW)).toBe(true);
    expect(eventMatchesRule(critical, rule("sla_breach"), NOW)).toBe(false);
  });
});

describe("SLA breach trigger", () => {
  const event = slaBreachEvent({ ...place, finding_id: "7", title: "lodash", severity: "high", kind: "dependency", stage: "ci", url: null, opened_at: new Date("2026-10-21T12:00:00Z"), sla_days: 30, breach_at: new Date("2026-11-20T12:00:00Z") });
  it("happens at the breach time with the finding's severity", () => {
    expect(event).toMatchObject({ occurredAt: new Date("2026-11-20T12:00:00Z"), severity: "high", title: "SLA breached: high finding open for 30 days in acme/api" });
  });
  it("filters by severity", () => {
    expect(eventMatchesRule(event, rule("sla_breach"), NOW)).toBe(true);
    expect(eventMatchesRule(event, rule("sla_breach", { severities: ["critical"] }), NOW)).toBe(false);
  });
});

describe("control failed trigger", () => {
  const event = controlFailedEvent({ ...place, repository_id: "r1", control_id: "PRE-02", stage: "pre_commit", from_status: "pass", evaluated_at: NOW });
  it("names the control and where it failed", () => {
    expect(event).toMatchObject({ subject: "control:r1:PRE-02", title: "Control PRE-02 is now failing in acme/api", path: "/repos/r1" });
  });
  it("filters by control, stage and the status it left", () => {
    expect(eventMatchesRule(event, rule("control_failed", { controlIds: ["PRE-02"] }), NOW)).toBe(true);
    expect(eventMatchesRule(event, rule("control_failed", { controlIds: ["CI-01"] }), NOW)).toBe(false);
    expect(eventMatchesRule(event, rule("control_failed", { stages: ["ci"] }), NOW)).toBe(false);
    expect(eventMatchesRule({ ...event, attributes: { ...event.attributes, fromStatus: "unknown" } }, rule("control_failed"), NOW)).toBe(false);
  });
});

describe("score drop trigger", () => {
  const event = scoreDropEvent({ scope: "team", scope_id: TEAM, scope_name: "Platform", organization_id: ORG, stage: "ci", day: "2026-11-20", score: 60, previous_score: 75 });
  it("computes the drop", () => {
    expect(event).toMatchObject({ title: "Team Platform: ci score dropped 15 points", attributes: { drop: 15, stage: "ci" }, occurredAt: new Date("2026-11-20T00:00:00Z") });
  });
  it("notifies only above the rule's threshold, for the level its scope implies", () => {
    expect(eventMatchesRule(event, rule("score_drop", { scope: { kind: "team", teamIds: [TEAM] }, points: 10 }), NOW)).toBe(true);
    expect(eventMatchesRule(event, rule("score_drop", { scope: { kind: "team", teamIds: [TEAM] }, points: 15 }), NOW)).toBe(false);
    // An organization-wide rule watches organization rollups by default, not each team's.
    expect(eventMatchesRule(event, rule("score_drop", { scope: { kind: "organization", organizationIds: [ORG] } }), NOW)).toBe(false);
    expect(eventMatchesRule(event, rule("score_drop", { scope: { kind: "organization", organizationIds: [ORG] }, level: "team" }), NOW)).toBe(true);
    expect(eventMatchesRule(event, rule("score_drop", { scope: { kind: "team", teamIds: [TEAM] }, stages: ["all"] }), NOW)).toBe(false);
  });
});
