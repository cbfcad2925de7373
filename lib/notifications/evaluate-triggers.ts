// Loads the events of the triggers some enabled rule uses, for one evaluation window. Only the
// triggers in use are queried, and each with the widest parameters any rule asks for; the
// per-rule filtering is match-rule.ts's.
import type pg from "pg";
import { loadControlFlipRows, loadCriticalFindingRows, loadScoreDropRows, loadSlaBreachRows } from "./load-trigger-rows";
import type { ActiveRule } from "./match-rule";
import type { SlaDays } from "./notification-settings";
import { utcDayOf } from "./plan-deliveries";
import type { CriticalFindingConditions, ScoreDropConditions, Trigger } from "./rule-schema";
import { controlFailedEvent, criticalFindingEvent, scoreDropEvent, slaBreachEvent, type NotificationEvent } from "./triggers";

export interface EvaluationWindow {
  /** Exclusive start: rows recorded after this. */
  from: Date;
  /** Inclusive end: the evaluation clock. */
  now: Date;
}

const DAY_MS = 86_400_000;

/** Every event in the window for the triggers `rules` use. */
export async function evaluateTriggers(client: pg.ClientBase, rules: readonly ActiveRule[], window: EvaluationWindow, sla: () => Promise<SlaDays>): Promise<NotificationEvent[]> {
  const { from, now } = window;
  const query = client.query.bind(client) as pg.ClientBase["query"];
  const using = (trigger: Trigger) => rules.filter((r) => r.trigger === trigger);
  const events: NotificationEvent[] = [];

  const critical = using("critical_finding");
  if (critical.length) {
    const freshestNeeded = Math.max(...critical.map((r) => (r.conditions as CriticalFindingConditions).freshnessHours));
    const rows = await loadCriticalFindingRows(query, from, now, new Date(now.getTime() - freshestNeeded * 3_600_000));
    events.push(...rows.map(criticalFindingEvent));
  }
  if (using("sla_breach").length) {
    const rows = await loadSlaBreachRows(query, from, now, await sla());
    events.push(...rows.map(slaBreachEvent));
  }
  if (using("control_failed").length) {
    const rows = await loadControlFlipRows(query, from, now);
    events.push(...rows.map(controlFailedEvent));
  }
  const drops = using("score_drop");
  if (drops.length) {
    const smallestDrop = Math.min(...drops.map((r) => (r.conditions as ScoreDropConditions).points));
    // The day the window starts in may have been rewritten by scoring since; compare it again.
    const rows = await loadScoreDropRows(query, utcDayOf(new Date(Math.min(from.getTime(), now.getTime() - DAY_MS))), utcDayOf(now), smallestDrop);
    events.push(...rows.map(scoreDropEvent));
  }
  return events;
}
