// What a notification rule is made of, as zod schemas: the admin API parses requests with
// these, and the job parses stored rows with them (a row edited by hand cannot crash the job).
//
// `conditions` (the JSON column) holds the scope the rule watches plus the trigger's
// parameters:
//   { scope: { kind: "all" } | { kind: "team", teamIds } | { kind: "organization", organizationIds }, …parameters }
import { z } from "zod";

export const TRIGGERS = ["critical_finding", "sla_breach", "control_failed", "score_drop"] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const CHANNELS = ["teams", "slack", "email", "webhook"] as const;
export type Channel = (typeof CHANNELS)[number];

const FINDING_KINDS = ["code", "secret", "dependency", "iac", "container", "cloud_recommendation", "cloud_alert", "policy"] as const;
const STAGES = ["pre_commit", "ci", "cd", "operate"] as const;

export const RuleScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("team"), teamIds: z.array(z.uuid()).min(1).max(200) }),
  z.object({ kind: z.literal("organization"), organizationIds: z.array(z.uuid()).min(1).max(200) }),
]);
export type RuleScope = z.infer<typeof RuleScope>;

const scope = RuleScope.default({ kind: "all" });

export const CriticalFindingConditions = z.object({
  scope,
  /** Only these finding kinds (e.g. ["secret"]); all when absent. */
  kinds: z.array(z.enum(FINDING_KINDS)).min(1).optional(),
  /**
   * A finding counts as "appeared" only if the source reported it at most this long ago: the
   * first sync of a new connection imports years-old alerts, which are not news.
   */
  freshnessHours: z.number().int().min(1).max(24 * 30).default(72),
});

export const SlaBreachConditions = z.object({
  scope,
  severities: z.array(z.enum(["critical", "high", "medium", "low"])).min(1).default(["critical", "high", "medium", "low"]),
});

export const ControlFailedConditions = z.object({
  scope,
  /** Catalog control ids (e.g. ["PRE-02"] for push protection); all when absent. */
  controlIds: z.array(z.string().trim().min(1).max(40)).min(1).optional(),
  stages: z.array(z.enum(STAGES)).min(1).optional(),
  /** Statuses a control must leave for the change to count as "flipped to failing". */
  fromStatuses: z.array(z.enum(["pass", "partial", "unknown"])).min(1).default(["pass", "partial"]),
  /** A control that flaps fail/pass/fail within this window notifies once. */
  dedupWindowHours: z.number().int().min(1).max(24 * 7).default(24),
});

export const ScoreDropConditions = z.object({
  scope,
  /** Notify when a score fell by more than this many points (0..100 scale) from the day before. */
  points: z.number().min(1).max(100).default(10),
  stages: z.array(z.enum(["all", ...STAGES])).min(1).default(["all", "pre_commit", "ci", "cd", "operate"]),
  /**
   * Which rollups to watch. Defaults follow the scope: a team rule watches its teams' scores,
   * an organization rule its organizations', an "all" rule every organization's.
   */
  level: z.enum(["team", "organization"]).optional(),
});

export const CONDITIONS_BY_TRIGGER = {
  critical_finding: CriticalFindingConditions,
  sla_breach: SlaBreachConditions,
  control_failed: ControlFailedConditions,
  score_drop: ScoreDropConditions,
} as const;

export type CriticalFindingConditions = z.infer<typeof CriticalFindingConditions>;
export type SlaBreachConditions = z.infer<typeof SlaBreachConditions>;
export type ControlFailedConditions = z.infer<typeof ControlFailedConditions>;
export type ScoreDropConditions = z.infer<typeof ScoreDropConditions>;
export type RuleConditions = CriticalFindingConditions | SlaBreachConditions | ControlFailedConditions | ScoreDropConditions;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

/** Deliveries that fall in this daily window wait until it ends; critical ones go at once. */
export const QuietHours = z
  .object({
    start: HHMM,
    end: HHMM,
    /** IANA time zone the window is in, e.g. "Europe/Berlin". */
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Berlin"),
  })
  .refine((q) => q.start !== q.end, "start and end must differ");
export type QuietHours = z.infer<typeof QuietHours>;

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  channel: z.enum(CHANNELS),
  /**
   * Where to deliver: the webhook URL (teams, slack, webhook) or a recipient address (email).
   * Teams and Slack URLs carry their credential in the path or query, so they are stored
   * sealed and only a redacted form is kept in plain text.
   */
  target: z.string().trim().min(1).max(2000),
  /** Signing secret of a generic webhook (at least 16 characters). Write-only: never returned. */
  secret: z.string().min(16).max(500).optional(),
  digest: z.boolean().default(false),
  quietHours: QuietHours.nullable().default(null),
  enabled: z.boolean().default(true),
};

/** A new rule, as the admin API accepts it. */
export const RuleInput = z.discriminatedUnion("trigger", [
  z.object({ trigger: z.literal("critical_finding"), conditions: CriticalFindingConditions.default(CriticalFindingConditions.parse({})), ...ruleFields }),
  z.object({ trigger: z.literal("sla_breach"), conditions: SlaBreachConditions.default(SlaBreachConditions.parse({})), ...ruleFields }),
  z.object({ trigger: z.literal("control_failed"), conditions: ControlFailedConditions.default(ControlFailedConditions.parse({})), ...ruleFields }),
  z.object({ trigger: z.literal("score_drop"), conditions: ScoreDropConditions.default(ScoreDropConditions.parse({})), ...ruleFields }),
]);
export type RuleInput = z.input<typeof RuleInput>;
export type ParsedRuleInput = z.output<typeof RuleInput>;

/**
 * A change to a rule. The trigger cannot change (conditions are the trigger's); `secret: null`
 * removes a stored signing secret, an absent `secret` keeps it.
 */
export const RuleUpdate = z
  .object({
    name: ruleFields.name,
    conditions: z.record(z.string(), z.unknown()),
    channel: ruleFields.channel,
    target: ruleFields.target,
    secret: ruleFields.secret.unwrap().nullable(),
    digest: z.boolean(),
    quietHours: QuietHours.nullable(),
    enabled: z.boolean(),
  })
  .partial();
export type RuleUpdate = z.input<typeof RuleUpdate>;

/** Parses stored or submitted conditions for a trigger, defaults filled in. */
export function parseConditions(trigger: Trigger, conditions: unknown): RuleConditions {
  return CONDITIONS_BY_TRIGGER[trigger].parse(conditions ?? {});
}
