// Daily snapshots into posture_rollup: per repository, team, organization and enterprise, per
// stage and overall — scores and control counts from control_result history, open findings
// by severity and age, SLA breaches and accepted findings as of the end of the day, and what
// opened, closed and how long closing took during the day, from finding events. One statement
// per day, upserted on (scope, scope id, day, stage): re-running a day rewrites it identically.
//
// "As of T" is always answered from history: control results valid at T (evaluated_at ≤ T <
// superseded_at); a finding's state and severity from its latest event at or before T (for
// today, its current row, which is the same thing and cheaper).
import type pg from "pg";
import { controlAcceptedSql, findingAcceptedSql } from "./acceptances";
import { CONTROLS } from "./catalog";
import { ATTRIBUTED_FINDINGS, slaDaysSql } from "./evidence";
import { slaDaysArray, type SlaDays } from "./settings";

/** The enterprise-scope id of "every organization Rampart knows": the security team's overview. */
export const ALL_ORGANIZATIONS = "*";
export const ROLLUP_STAGES = ["all", "pre_commit", "ci", "cd", "operate"] as const;

const DAY_MS = 86_400_000;
/** Midnight UTC of the day `at` falls on. */
export const utcDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

// $1 day start, $2 as-of (end of day, or now for today), $3 SLA days array, $4-$6 catalog
// (ids, stages, weights), $7 whether $2 is "now" (current finding rows may be used).
const SNAPSHOT_SQL = `
WITH catalog AS (
  SELECT * FROM unnest($4::text[], $5::stage[], $6::float8[]) AS t(control_id, stage, weight)
),
members AS (
  SELECT r.id AS repository_id, 'repository' AS scope, r.id::text AS scope_id FROM repository r WHERE r.deleted_at IS NULL
  UNION ALL
  SELECT tr.repository_id, 'team', tr.team_id::text FROM team_repository tr
    JOIN team t ON t.id = tr.team_id AND t.deleted_at IS NULL JOIN repository r ON r.id = tr.repository_id AND r.deleted_at IS NULL
  UNION ALL
  SELECT r.id, 'organization', r.organization_id::text FROM repository r WHERE r.deleted_at IS NULL
  UNION ALL
  SELECT r.id, 'enterprise', o.enterprise_slug FROM repository r JOIN organization o ON o.id = r.organization_id
   WHERE r.deleted_at IS NULL AND o.enterprise_slug IS NOT NULL
  UNION ALL
  SELECT r.id, 'enterprise', '${ALL_ORGANIZATIONS}' FROM repository r WHERE r.deleted_at IS NULL
),
results AS (
  SELECT c.repository_id, k.stage, k.weight, c.status, c.score,
         (c.status IN ('fail', 'partial') AND ${controlAcceptedSql("c.repository_id", "c.control_id", "$2::timestamptz")}) AS accepted
    FROM control_result c JOIN catalog k ON k.control_id = c.control_id
    JOIN repository r ON r.id = c.repository_id AND r.deleted_at IS NULL
   WHERE c.evaluated_at <= $2 AND (c.superseded_at IS NULL OR c.superseded_at > $2)
),
control_rollup AS (
  SELECT m.scope, m.scope_id, COALESCE(x.stage::text, 'all') AS stage,
         sum(x.weight * x.score) FILTER (WHERE x.score IS NOT NULL) AS weighted,
         sum(x.weight) FILTER (WHERE x.score IS NOT NULL) AS weights,
         count(*) FILTER (WHERE x.status = 'pass')::int AS passed,
         count(*) FILTER (WHERE x.status = 'fail' AND NOT x.accepted)::int AS failed,
         count(*) FILTER (WHERE x.status = 'partial' AND NOT x.accepted)::int AS partial,
         count(*) FILTER (WHERE x.status = 'unknown')::int AS unknown,
         count(*) FILTER (WHERE x.accepted)::int AS accepted
    FROM results x JOIN members m ON m.repository_id = x.repository_id
   GROUP BY GROUPING SETS ((m.scope, m.scope_id, x.stage), (m.scope, m.scope_id))
),
attributed AS (
  SELECT a.id, a.stage, a.severity, a.state, a.opened_at, a.rule_id, r.id AS repo, COALESCE(r.organization_id, a.organization_id) AS org
    FROM (${ATTRIBUTED_FINDINGS}) a
    LEFT JOIN repository r ON r.id = a.attributed_repository_id AND r.deleted_at IS NULL
),
state_at AS (
  SELECT a.id, a.repo, a.org, a.stage, a.rule_id, a.opened_at, a.severity, a.state FROM attributed a WHERE $7::boolean
  UNION ALL
  -- One sort over the events up to T beats a per-finding lookup once findings number in the 100,000s.
  SELECT a.id, a.repo, a.org, a.stage, a.rule_id, a.opened_at, ev.to_severity, ev.to_state FROM attributed a
    JOIN (SELECT DISTINCT ON (e.finding_id) e.finding_id, e.to_state, e.to_severity FROM finding_event e
           WHERE e.occurred_at <= $2 AND NOT $7::boolean ORDER BY e.finding_id, e.occurred_at DESC, e.id DESC) ev ON ev.finding_id = a.id
   WHERE NOT $7::boolean
),
open_at AS (
  SELECT s.*, extract(epoch FROM $2::timestamptz - s.opened_at) / 86400 AS age_days,
         ${findingAcceptedSql("s.id", "s.repo", "s.rule_id", "$2::timestamptz")} AS accepted
    FROM state_at s WHERE s.state = 'open' AND s.opened_at <= $2
),
day_events AS (
  SELECT e.type, e.to_severity AS severity, e.occurred_at, a.repo, a.org, a.stage, a.opened_at
    FROM finding_event e JOIN attributed a ON a.id = e.finding_id
   WHERE e.occurred_at >= $1::timestamptz AND e.occurred_at < $1::timestamptz + interval '1 day' AND e.occurred_at <= $2
     AND e.type IN ('opened', 'reopened', 'fixed', 'resolved', 'dismissed')
),
facts AS (
  SELECT repo, org, stage, severity, 1 AS open, accepted::int AS accepted, age_days,
         (severity <> 'info' AND age_days > ${slaDaysSql("$3", "severity")})::int AS breached,
         0 AS opened, 0 AS fixed, 0 AS dismissed, NULL::float8 AS hours
    FROM open_at
  UNION ALL
  SELECT repo, org, stage, severity, 0, 0, NULL, 0,
         (type IN ('opened', 'reopened'))::int, (type IN ('fixed', 'resolved'))::int, (type = 'dismissed')::int,
         CASE WHEN type IN ('fixed', 'resolved') THEN extract(epoch FROM occurred_at - opened_at) / 3600 END
    FROM day_events
),
per_repo AS (
  SELECT repo, org, stage,
         count(*) FILTER (WHERE open = 1 AND severity = 'critical')::int AS open_critical,
         count(*) FILTER (WHERE open = 1 AND severity = 'high')::int AS open_high,
         count(*) FILTER (WHERE open = 1 AND severity = 'medium')::int AS open_medium,
         count(*) FILTER (WHERE open = 1 AND severity = 'low')::int AS open_low,
         count(*) FILTER (WHERE open = 1 AND severity = 'info')::int AS open_info,
         sum(accepted)::int AS open_accepted,
         count(*) FILTER (WHERE open = 1 AND age_days <= 7)::int AS age_0_7,
         count(*) FILTER (WHERE open = 1 AND age_days > 7 AND age_days <= 30)::int AS age_8_30,
         count(*) FILTER (WHERE open = 1 AND age_days > 30 AND age_days <= 90)::int AS age_31_90,
         count(*) FILTER (WHERE open = 1 AND age_days > 90)::int AS age_over_90,
         sum(breached)::int AS breached, sum(opened)::int AS opened, sum(fixed)::int AS fixed, sum(dismissed)::int AS dismissed,
         sum(hours) FILTER (WHERE severity = 'critical') AS h_critical, count(hours) FILTER (WHERE severity = 'critical') AS n_critical,
         sum(hours) FILTER (WHERE severity = 'high') AS h_high, count(hours) FILTER (WHERE severity = 'high') AS n_high,
         sum(hours) FILTER (WHERE severity = 'medium') AS h_medium, count(hours) FILTER (WHERE severity = 'medium') AS n_medium,
         sum(hours) FILTER (WHERE severity = 'low') AS h_low, count(hours) FILTER (WHERE severity = 'low') AS n_low
    FROM facts GROUP BY repo, org, stage
),
scoped AS (
  SELECT m.scope, m.scope_id, p.* FROM per_repo p JOIN members m ON m.repository_id = p.repo
  UNION ALL
  SELECT 'organization', p.org::text, p.* FROM per_repo p WHERE p.repo IS NULL AND p.org IS NOT NULL
  UNION ALL
  SELECT 'enterprise', o.enterprise_slug, p.* FROM per_repo p JOIN organization o ON o.id = p.org WHERE p.repo IS NULL AND o.enterprise_slug IS NOT NULL
  UNION ALL
  SELECT 'enterprise', '${ALL_ORGANIZATIONS}', p.* FROM per_repo p WHERE p.repo IS NULL
),
finding_rollup AS (
  SELECT scope, scope_id, COALESCE(stage::text, 'all') AS stage,
         sum(open_critical)::int AS open_critical, sum(open_high)::int AS open_high, sum(open_medium)::int AS open_medium,
         sum(open_low)::int AS open_low, sum(open_info)::int AS open_info, sum(open_accepted)::int AS open_accepted,
         sum(age_0_7)::int AS age_0_7, sum(age_8_30)::int AS age_8_30, sum(age_31_90)::int AS age_31_90, sum(age_over_90)::int AS age_over_90,
         sum(breached)::int AS breached, sum(opened)::int AS opened, sum(fixed)::int AS fixed, sum(dismissed)::int AS dismissed,
         sum(h_critical) / NULLIF(sum(n_critical), 0) AS mttr_critical, sum(h_high) / NULLIF(sum(n_high), 0) AS mttr_high,
         sum(h_medium) / NULLIF(sum(n_medium), 0) AS mttr_medium, sum(h_low) / NULLIF(sum(n_low), 0) AS mttr_low
    FROM scoped GROUP BY GROUPING SETS ((scope, scope_id, stage), (scope, scope_id))
),
keys AS (
  SELECT DISTINCT m.scope, m.scope_id, s.stage FROM members m CROSS JOIN unnest(ARRAY['all', 'pre_commit', 'ci', 'cd', 'operate']) AS s(stage)
  UNION SELECT 'enterprise', '${ALL_ORGANIZATIONS}', s.stage FROM unnest(ARRAY['all', 'pre_commit', 'ci', 'cd', 'operate']) AS s(stage)
  UNION SELECT scope, scope_id, stage FROM finding_rollup
),
written AS (
  INSERT INTO posture_rollup AS p (scope, scope_id, day, stage, score, controls_passed, controls_failed, controls_partial, controls_unknown,
         controls_accepted, open_critical, open_high, open_medium, open_low, open_info, open_accepted, open_age_0_7, open_age_8_30,
         open_age_31_90, open_age_over_90, opened_count, fixed_count, dismissed_count, sla_breached,
         mttr_hours_critical, mttr_hours_high, mttr_hours_medium, mttr_hours_low, computed_at)
  SELECT k.scope::rollup_scope, k.scope_id, ($1::timestamptz AT TIME ZONE 'UTC')::date, k.stage::rollup_stage,
         round((100 * c.weighted / NULLIF(c.weights, 0))::numeric, 1)::float8,
         COALESCE(c.passed, 0), COALESCE(c.failed, 0), COALESCE(c.partial, 0), COALESCE(c.unknown, 0), COALESCE(c.accepted, 0),
         COALESCE(f.open_critical, 0), COALESCE(f.open_high, 0), COALESCE(f.open_medium, 0), COALESCE(f.open_low, 0), COALESCE(f.open_info, 0),
         COALESCE(f.open_accepted, 0), COALESCE(f.age_0_7, 0), COALESCE(f.age_8_30, 0), COALESCE(f.age_31_90, 0), COALESCE(f.age_over_90, 0),
         COALESCE(f.opened, 0), COALESCE(f.fixed, 0), COALESCE(f.dismissed, 0), COALESCE(f.breached, 0),
         f.mttr_critical, f.mttr_high, f.mttr_medium, f.mttr_low, now()
    FROM keys k
    LEFT JOIN control_rollup c ON c.scope = k.scope AND c.scope_id = k.scope_id AND c.stage = k.stage
    LEFT JOIN finding_rollup f ON f.scope = k.scope AND f.scope_id = k.scope_id AND f.stage = k.stage
  ON CONFLICT (scope, scope_id, day, stage) DO UPDATE SET
    score = EXCLUDED.score, controls_passed = EXCLUDED.controls_passed, controls_failed = EXCLUDED.controls_failed,
    controls_partial = EXCLUDED.controls_partial, controls_unknown = EXCLUDED.controls_unknown, controls_accepted = EXCLUDED.controls_accepted,
    open_critical = EXCLUDED.open_critical, open_high = EXCLUDED.open_high, open_medium = EXCLUDED.open_medium, open_low = EXCLUDED.open_low,
    open_info = EXCLUDED.open_info, open_accepted = EXCLUDED.open_accepted, open_age_0_7 = EXCLUDED.open_age_0_7,
    open_age_8_30 = EXCLUDED.open_age_8_30, open_age_31_90 = EXCLUDED.open_age_31_90, open_age_over_90 = EXCLUDED.open_age_over_90,
    opened_count = EXCLUDED.opened_count, fixed_count = EXCLUDED.fixed_count, dismissed_count = EXCLUDED.dismissed_count,
    sla_breached = EXCLUDED.sla_breached, mttr_hours_critical = EXCLUDED.mttr_hours_critical, mttr_hours_high = EXCLUDED.mttr_hours_high,
    mttr_hours_medium = EXCLUDED.mttr_hours_medium, mttr_hours_low = EXCLUDED.mttr_hours_low, computed_at = EXCLUDED.computed_at
  RETURNING 1
)
SELECT count(*)::int AS rows FROM written`;

/**
 * Writes the snapshot of `day` (a UTC date) as of the end of that day, or as of `now` when the
 * day is today. Returns the number of rollup rows written.
 */
export async function writeDailySnapshot(client: pg.ClientBase, day: Date, now: Date, slaDays: SlaDays): Promise<number> {
  const start = utcDay(day);
  const end = new Date(start.getTime() + DAY_MS - 1);
  const isToday = end.getTime() >= now.getTime();
  const asOf = isToday ? now : end;
  const { rows } = await client.query<{ rows: number }>(SNAPSHOT_SQL, [
    start,
    asOf,
    slaDaysArray(slaDays),
    CONTROLS.map((c) => c.id),
    CONTROLS.map((c) => c.stage),
    CONTROLS.map((c) => c.weight),
    isToday,
  ]);
  return rows[0]!.rows;
}

/** Days among the last `days` before `now` (not today) with no enterprise-wide rollup yet. */
export async function missingSnapshotDays(client: pg.ClientBase, now: Date, days: number): Promise<Date[]> {
  if (days <= 0) return [];
  const today = utcDay(now);
  const { rows } = await client.query<{ day: string }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series($1::date - $2::int, $1::date - 1, interval '1 day') AS d
      WHERE NOT EXISTS (SELECT 1 FROM posture_rollup p WHERE p.scope = 'enterprise' AND p.scope_id = $3 AND p.stage = 'all' AND p.day = d::date)
      ORDER BY d`,
    [today.toISOString().slice(0, 10), days, ALL_ORGANIZATIONS],
  );
  return rows.map((r) => new Date(`${r.day}T00:00:00Z`));
}
