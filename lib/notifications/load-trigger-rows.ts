// Set-based reads behind the four triggers: one statement per trigger for everything that
// happened in (from, now]. Re-reading part of a window is harmless (deliveries are keyed and
// inserted once), so the job reads with an overlap and never misses a late-committed row.
//
// Findings are attributed like scoring attributes them: a cloud finding belongs to the
// repository that deploys its resource; Defender "not applicable" results never count.
import type pg from "pg";
import type { SlaDays } from "./notification-settings";
import type { ControlFlipRow, CriticalFindingRow, ScoreDropRow, SlaBreachRow } from "./triggers";

type Query = pg.ClientBase["query"];

const ATTRIBUTED = `
  SELECT f.*, COALESCE(f.repository_id, cr.repository_id) AS repo_id
    FROM finding f
    LEFT JOIN cloud_resource cr ON f.repository_id IS NULL AND cr.id = f.cloud_resource_id
   WHERE (f.details ->> 'scored') IS DISTINCT FROM 'false'`;

/** Organization, repository name and owning teams of a repository column. */
const placement = (repo: string, fallbackOrg: string) => `
  COALESCE(r.organization_id, ${fallbackOrg}) AS organization_id, r.id AS repository_id, r.full_name AS repository_full_name,
  COALESCE((SELECT array_agg(tr.team_id::text ORDER BY tr.team_id) FROM team_repository tr WHERE tr.repository_id = ${repo}), '{}') AS team_ids`;

/** Finding events recorded in the window that made a finding open and critical. */
export async function loadCriticalFindingRows(query: Query, from: Date, now: Date, oldestOccurredAt: Date): Promise<CriticalFindingRow[]> {
  const { rows } = await query<CriticalFindingRow>(
    `SELECT f.id::text AS finding_id, e.type::text AS event_type, e.occurred_at, f.kind::text AS kind, f.title, f.rule_id, f.source::text AS source,
            f.stage::text AS stage, f.url, ${placement("f.repo_id", "f.organization_id")}
       FROM finding_event e
       JOIN (${ATTRIBUTED}) f ON f.id = e.finding_id
       LEFT JOIN repository r ON r.id = f.repo_id
      WHERE e.created_at > $1 AND e.created_at <= $2 AND e.occurred_at >= $3
        AND e.to_severity = 'critical' AND e.to_state = 'open'
        AND (e.type IN ('opened', 'reopened') OR (e.type = 'severity_changed' AND e.from_severity IS DISTINCT FROM 'critical'))
      ORDER BY e.id`,
    [from, now, oldestOccurredAt],
  );
  return rows;
}

/**
 * Open findings whose SLA ran out in the window (opened + SLA days of their severity), unless a
 * risk acceptance (of the finding, or its rule in its repository) is in force.
 */
export async function loadSlaBreachRows(query: Query, from: Date, now: Date, sla: SlaDays): Promise<SlaBreachRow[]> {
  const { rows } = await query<SlaBreachRow>(
    `WITH open AS (
       SELECT f.*, COALESCE(f.source_created_at, f.first_seen_at) AS opened_at,
              ($3::float8[])[array_position(ARRAY['critical','high','medium','low']::severity[], f.severity)] AS sla_days
         FROM (${ATTRIBUTED}) f
        WHERE f.state = 'open' AND f.severity <> 'info'
     ), due AS (
       SELECT o.*, o.opened_at + make_interval(days => 1) * o.sla_days AS breach_at FROM open o
     )
     SELECT d.id::text AS finding_id, d.title, d.severity::text AS severity, d.kind::text AS kind, d.stage::text AS stage, d.url, d.opened_at,
            d.sla_days::float8 AS sla_days, d.breach_at, ${placement("d.repo_id", "d.organization_id")}
       FROM due d
       LEFT JOIN repository r ON r.id = d.repo_id
      WHERE d.breach_at > $1 AND d.breach_at <= $2
        AND NOT EXISTS (
          SELECT 1 FROM risk_acceptance ra
           WHERE ra.status = 'active' AND ra.expires_at > $2
             AND ((ra.scope = 'finding' AND ra.finding_id = d.id) OR (ra.scope = 'rule' AND ra.repository_id = d.repo_id AND ra.rule_id = d.rule_id)))
      ORDER BY d.breach_at, d.id`,
    [from, now, [sla.critical, sla.high, sla.medium, sla.low]],
  );
  return rows.map((r) => ({ ...r, sla_days: Number(r.sla_days) }));
}

/**
 * Control results written in the window with status fail whose predecessor (the row they
 * superseded at the same instant) was not failing, unless a control acceptance for the
 * repository, one of its teams, or its organization is in force.
 */
export async function loadControlFlipRows(query: Query, from: Date, now: Date): Promise<ControlFlipRow[]> {
  const { rows } = await query<ControlFlipRow>(
    `SELECT n.repository_id::text AS repository_id, n.control_id, n.stage::text AS stage, p.status::text AS from_status, n.evaluated_at,
            ${placement("n.repository_id", "NULL::uuid")}
       FROM control_result n
       JOIN control_result p ON p.repository_id = n.repository_id AND p.control_id = n.control_id AND p.superseded_at = n.evaluated_at AND p.id <> n.id
       JOIN repository r ON r.id = n.repository_id AND r.deleted_at IS NULL
      WHERE n.status = 'fail' AND p.status <> 'fail' AND n.evaluated_at > $1 AND n.evaluated_at <= $2
        AND NOT EXISTS (
          SELECT 1 FROM risk_acceptance ra
           WHERE ra.scope = 'control' AND ra.control_id = n.control_id AND ra.status = 'active' AND ra.expires_at > $2
             AND (ra.repository_id = n.repository_id OR ra.organization_id = r.organization_id
                  OR ra.team_id IN (SELECT tr.team_id FROM team_repository tr WHERE tr.repository_id = n.repository_id)))
      ORDER BY n.evaluated_at, n.id`,
    [from, now],
  );
  return rows;
}

/**
 * Team and organization rollups of the days from `fromDay` to `toDay` whose score is more than
 * `minDrop` points below the same scope's and stage's score the day before.
 */
export async function loadScoreDropRows(query: Query, fromDay: string, toDay: string, minDrop: number): Promise<ScoreDropRow[]> {
  const { rows } = await query<ScoreDropRow>(
    `SELECT t.scope::text AS scope, t.scope_id, t.stage::text AS stage, to_char(t.day, 'YYYY-MM-DD') AS day, t.score, y.score AS previous_score,
            COALESCE(tm.name, o.name, o.login, t.scope_id) AS scope_name,
            COALESCE(tm.organization_id, o.id)::text AS organization_id
       FROM posture_rollup t
       JOIN posture_rollup y ON y.scope = t.scope AND y.scope_id = t.scope_id AND y.stage = t.stage AND y.day = t.day - 1
       LEFT JOIN team tm ON t.scope = 'team' AND tm.id::text = t.scope_id
       LEFT JOIN organization o ON t.scope = 'organization' AND o.id::text = t.scope_id
      WHERE t.scope IN ('team', 'organization') AND t.day BETWEEN $1::date AND $2::date
        AND t.score IS NOT NULL AND y.score IS NOT NULL AND y.score - t.score > $3
        AND COALESCE(tm.organization_id, o.id) IS NOT NULL
      ORDER BY t.day, t.scope, t.scope_id, t.stage`,
    [fromDay, toDay, minDrop],
  );
  return rows;
}
