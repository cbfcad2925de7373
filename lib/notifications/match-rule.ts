// Which events a rule wants: its trigger, its scope (all, some teams, some organizations) and
// its trigger's parameters. Pure.
import type { ControlFailedConditions, CriticalFindingConditions, QuietHours, RuleConditions, ScoreDropConditions, SlaBreachConditions, Trigger, Channel } from "./rule-schema";
import type { NotificationEvent } from "./triggers";

/** A rule as the job sees it: parsed conditions, no secrets. */
export interface ActiveRule {
  id: string;
  name: string;
  trigger: Trigger;
  conditions: RuleConditions;
  channel: Channel;
  digest: boolean;
  quietHours: QuietHours | null;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/** The rollup level a score_drop rule watches: its own, or the one its scope implies. */
export function scoreDropLevel(conditions: ScoreDropConditions): "team" | "organization" {
  return conditions.level ?? (conditions.scope.kind === "team" ? "team" : "organization");
}

function inScope(event: NotificationEvent, conditions: RuleConditions): boolean {
  const scope = conditions.scope;
  if (scope.kind === "team") return overlaps(event.scope.teamIds, scope.teamIds);
  if (scope.kind === "organization") return overlaps(event.scope.organizationIds, scope.organizationIds);
  return true;
}

/** Whether `rule` should notify about `event`, judged at `now`. */
export function eventMatchesRule(event: NotificationEvent, rule: ActiveRule, now: Date): boolean {
  if (event.trigger !== rule.trigger || !inScope(event, rule.conditions)) return false;
  const { attributes } = event;
  switch (rule.trigger) {
    case "critical_finding": {
      const c = rule.conditions as CriticalFindingConditions;
      if (c.kinds && !c.kinds.includes(attributes.kind as never)) return false;
      return now.getTime() - event.occurredAt.getTime() <= c.freshnessHours * 3_600_000;
    }
    case "sla_breach":
      return (rule.conditions as SlaBreachConditions).severities.includes(event.severity as never);
    case "control_failed": {
      const c = rule.conditions as ControlFailedConditions;
      if (c.controlIds && !c.controlIds.includes(attributes.controlId ?? "")) return false;
      if (c.stages && !c.stages.includes(attributes.stage as never)) return false;
      return c.fromStatuses.includes(attributes.fromStatus as never);
    }
    case "score_drop": {
      const c = rule.conditions as ScoreDropConditions;
      if (event.scope.level !== scoreDropLevel(c)) return false;
      return (attributes.drop ?? 0) > c.points && c.stages.includes(attributes.stage as never);
    }
  }
}
