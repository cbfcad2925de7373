// Posture as the viewer may see it: the scoring read API (lib/scoring/read.ts) with the viewer's
// repository scope passed into every query. Developers do not see enterprise-wide aggregates
// (those are computed over repositories they cannot see); their pages use their repositories'
// own scorecards instead.
import type { Viewer } from "../auth/policy";
import { database } from "../db";
import {
  ALL_ORGANIZATIONS,
  controlResults,
  coverage,
  mttrBySeverity,
  RISK_DESCRIPTION,
  SCORE_DESCRIPTIONS,
  slaBreaches,
  stageScores,
  topRiskRepositories,
  trend,
  type RepositoryFilter,
  type RollupRow,
  type ScopeRef,
} from "../scoring/read";
import { repositoryIdsOrAll } from "./viewer-scope";

export { ALL_ORGANIZATIONS, RISK_DESCRIPTION, SCORE_DESCRIPTIONS };
export type { RollupRow, ScopeRef };

async function filterOf(viewer: Viewer): Promise<RepositoryFilter> {
  return (await repositoryIdsOrAll(viewer)) ?? "all";
}

/** Whether the viewer may see aggregates over every repository (enterprise, org and team scores). */
export async function seesAggregates(viewer: Viewer): Promise<boolean> {
  return (await filterOf(viewer)) === "all";
}

export interface Scorecard {
  day: string;
  stages: RollupRow[];
  trend: RollupRow[];
}

/** A scope's latest scores and its trend; null when it has no snapshot or the viewer may not see it. */
export async function scorecard(viewer: Viewer, scope: ScopeRef, options: { days?: number; asOf?: Date } = {}): Promise<Scorecard | null> {
  const repositories = await filterOf(viewer);
  // Aggregates pool repositories the developer may not see: only repository scorecards for them.
  if (repositories !== "all" && scope.scope !== "repository") return null;
  const latest = await stageScores(scope, { asOf: options.asOf, repositories });
  if (!latest) return null;
  return { day: latest.day, stages: latest.stages, trend: await trend(scope, options.days ?? 30, { until: options.asOf, repositories }) };
}

export async function overviewPanels(viewer: Viewer) {
  const repositories = await filterOf(viewer);
  const [risks, breaches, tools] = await Promise.all([topRiskRepositories(10, repositories), slaBreaches(repositories, { limit: 10 }), coverage(repositories)]);
  const mttr = repositories === "all" ? await mttrBySeverity({ scope: "enterprise", id: ALL_ORGANIZATIONS }, { days: 90 }) : null;
  return { risks, breaches, coverage: tools, mttr };
}

export async function repositoryControls(viewer: Viewer, repositoryId: string, asOf?: Date) {
  return controlResults(repositoryId, { asOf, repositories: await filterOf(viewer) });
}

export interface ScopeScoreRow {
  id: string;
  name: string;
  repositories: number;
  scores: Record<string, number | null>;
}

/** Latest stage scores of every organization or team (one query), for the list pages. */
export async function scopeScoreList(kind: "organization" | "team"): Promise<ScopeScoreRow[]> {
  const { pool } = database();
  const entities =
    kind === "organization"
      ? `SELECT o.id::text AS id, o.login AS name, (SELECT count(*) FROM repository r WHERE r.organization_id = o.id AND r.deleted_at IS NULL)::int AS repositories FROM organization o WHERE o.deleted_at IS NULL`
      : `SELECT t.id::text AS id, o.login || ' / ' || t.name AS name, (SELECT count(*) FROM team_repository tr JOIN repository r ON r.id = tr.repository_id AND r.deleted_at IS NULL WHERE tr.team_id = t.id)::int AS repositories
           FROM team t JOIN organization o ON o.id = t.organization_id WHERE t.deleted_at IS NULL`;
  const { rows } = await pool.query<{ id: string; name: string; repositories: number; stage: string | null; score: number | null }>(
    `WITH e AS (${entities}),
          latest AS (SELECT scope_id, max(day) AS day FROM posture_rollup WHERE scope = $1::rollup_scope GROUP BY scope_id)
     SELECT e.id, e.name, e.repositories, p.stage::text AS stage, p.score
       FROM e LEFT JOIN latest l ON l.scope_id = e.id
       LEFT JOIN posture_rollup p ON p.scope = $1::rollup_scope AND p.scope_id = e.id AND p.day = l.day
      ORDER BY e.name`,
    [kind],
  );
  const byId = new Map<string, ScopeScoreRow>();
  for (const r of rows) {
    const row = byId.get(r.id) ?? { id: r.id, name: r.name, repositories: r.repositories, scores: {} };
    if (r.stage) row.scores[r.stage] = r.score === null ? null : Number(r.score);
    byId.set(r.id, row);
  }
  return [...byId.values()];
}
