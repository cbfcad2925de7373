// The read API the dashboard pages and reports use. Everything comes from the small tables the
// scoring job writes (posture_rollup, control_result) except the SLA-breach list and MTTR, which
// read indexed slices of findings and their events. Every function that returns
// repository-level data takes `repositories` ("all" or the ids the viewer may see) and applies
// it in the query itself. "As of" a past date reads history (rollups snapshotted from
// history, control_result validity intervals, finding events), never current state.
import { database } from "../db";
import { controlAcceptanceConditions, findingAcceptedSql } from "./acceptances";
import { catalogMetadata, type ControlMetadata } from "./catalog";
import type { ControlStatus } from "./control";
import { ATTRIBUTED_FINDINGS, slaDaysSql } from "./evidence";
import { SCORE_DESCRIPTIONS } from "./scores";
import { loadScoringSettings, slaDaysArray } from "./settings";
import { ALL_ORGANIZATIONS, ROLLUP_STAGES } from "./snapshot";

export type RepositoryFilter = "all" | readonly string[];
export type RollupScopeKind = "repository" | "team" | "organization" | "enterprise";
/** A scorecard's subject; the enterprise id is a GitHub enterprise slug or ALL_ORGANIZATIONS ("*"). */
export interface ScopeRef {
  scope: RollupScopeKind;
  id: string;
}
export type RollupStage = (typeof ROLLUP_STAGES)[number];
export { ALL_ORGANIZATIONS, SCORE_DESCRIPTIONS };

const query = <T extends object>(sql: string, params: unknown[]) => database().pool.query<T>(sql, params).then((r) => r.rows);
const allowed = (filter: RepositoryFilter, id: string) => filter === "all" || filter.includes(id);
/** `$n` as a uuid[] filter on `column`, or nothing for "all". */
const filterSql = (column: string, n: number, filter: RepositoryFilter) => (filter === "all" ? "TRUE" : `${column} = ANY($${n}::uuid[])`);
const filterParam = (filter: RepositoryFilter) => (filter === "all" ? null : [...filter]);
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export interface RollupRow {
  day: string;
  stage: RollupStage;
  score: number | null;
  controls: { passed: number; failed: number; partial: number; unknown: number; accepted: number };
  open: { critical: number; high: number; medium: number; low: number; info: number; accepted: number };
  openByAge: { "0-7": number; "8-30": number; "31-90": number; ">90": number };
  opened: number;
  fixed: number;
  dismissed: number;
  slaBreached: number;
  mttrHours: { critical: number | null; high: number | null; medium: number | null; low: number | null };
}

const ROLLUP_COLUMNS = `to_char(p.day, 'YYYY-MM-DD') AS day, p.stage::text AS stage, p.score, p.controls_passed, p.controls_failed, p.controls_partial,
  p.controls_unknown, p.controls_accepted, p.open_critical, p.open_high, p.open_medium, p.open_low, p.open_info, p.open_accepted,
  p.open_age_0_7, p.open_age_8_30, p.open_age_31_90, p.open_age_over_90, p.opened_count, p.fixed_count, p.dismissed_count, p.sla_breached,
  p.mttr_hours_critical, p.mttr_hours_high, p.mttr_hours_medium, p.mttr_hours_low`;

type RawRollup = Record<string, unknown>;
function toRollup(r: RawRollup): RollupRow {
  const n = (k: string) => Number(r[k] ?? 0);
  const h = (k: string) => (r[k] === null || r[k] === undefined ? null : Math.round(Number(r[k]) * 10) / 10);
  return {
    day: String(r.day),
    stage: r.stage as RollupStage,
    score: r.score === null ? null : Number(r.score),
    controls: { passed: n("controls_passed"), failed: n("controls_failed"), partial: n("controls_partial"), unknown: n("controls_unknown"), accepted: n("controls_accepted") },
    open: { critical: n("open_critical"), high: n("open_high"), medium: n("open_medium"), low: n("open_low"), info: n("open_info"), accepted: n("open_accepted") },
    openByAge: { "0-7": n("open_age_0_7"), "8-30": n("open_age_8_30"), "31-90": n("open_age_31_90"), ">90": n("open_age_over_90") },
    opened: n("opened_count"),
    fixed: n("fixed_count"),
    dismissed: n("dismissed_count"),
    slaBreached: n("sla_breached"),
    mttrHours: { critical: h("mttr_hours_critical"), high: h("mttr_hours_high"), medium: h("mttr_hours_medium"), low: h("mttr_hours_low") },
  };
}

/**
 * The four stage scores and the overall one of a scope, from the latest snapshot at or before
 * `asOf` (default now). Null when the scope is a repository outside `repositories`, or has no
 * snapshot yet.
 */
export async function stageScores(scope: ScopeRef, options: { asOf?: Date; repositories?: RepositoryFilter } = {}): Promise<{ day: string; stages: RollupRow[]; descriptions: typeof SCORE_DESCRIPTIONS } | null> {
  if (scope.scope === "repository" && !allowed(options.repositories ?? "all", scope.id)) return null;
  const rows = await query<RawRollup>(
    `SELECT ${ROLLUP_COLUMNS} FROM posture_rollup p
      WHERE p.scope = $1::rollup_scope AND p.scope_id = $2
        AND p.day = (SELECT max(day) FROM posture_rollup WHERE scope = $1::rollup_scope AND scope_id = $2 AND day <= $3::date)
      ORDER BY array_position(ARRAY['all','pre_commit','ci','cd','operate']::rollup_stage[], p.stage)`,
    [scope.scope, scope.id, isoDay(options.asOf ?? new Date())],
  );
  if (rows.length === 0) return null;
  const stages = rows.map(toRollup);
  return { day: stages[0]!.day, stages, descriptions: SCORE_DESCRIPTIONS };
}

/** Daily rows of the last `days` days up to `until` (default today), oldest first: sparklines, trend charts, open-by-age. */
export async function trend(scope: ScopeRef, days: number, options: { stage?: RollupStage; until?: Date; repositories?: RepositoryFilter } = {}): Promise<RollupRow[]> {
  if (scope.scope === "repository" && !allowed(options.repositories ?? "all", scope.id)) return [];
  const rows = await query<RawRollup>(
    `SELECT ${ROLLUP_COLUMNS} FROM posture_rollup p
      WHERE p.scope = $1::rollup_scope AND p.scope_id = $2 AND p.day > $3::date - $4::int AND p.day <= $3::date
        AND ($5::rollup_stage IS NULL OR p.stage = $5::rollup_stage)
      ORDER BY p.day, p.stage`,
    [scope.scope, scope.id, isoDay(options.until ?? new Date()), days, options.stage ?? null],
  );
  return rows.map(toRollup);
}

export interface ControlResultView extends ControlMetadata {
  /** The evaluated status; `displayStatus` is "accepted" when a failing/partial result is under a risk acceptance in force. */
  status: ControlStatus;
  displayStatus: ControlStatus | "accepted";
  score: number | null;
  evidence: Record<string, unknown>;
  evaluatedAt: string | null;
  lastEvaluatedAt: string | null;
  catalogVersion: string | null;
  acceptance: { id: string; reason: string; expiresAt: string; approvedBy: string | null } | null;
}

/**
 * Every catalog control for one repository as of `asOf` (default now), with metadata, evidence
 * and any acceptance in force. Controls never evaluated (before the first run) read unknown.
 * Empty when the repository is outside `repositories`.
 */
export async function controlResults(repositoryId: string, options: { asOf?: Date; repositories?: RepositoryFilter } = {}): Promise<ControlResultView[]> {
  if (!allowed(options.repositories ?? "all", repositoryId)) return [];
  const at = options.asOf ?? new Date();
  const rows = await query<{ control_id: string; status: ControlStatus; score: number | null; evidence: Record<string, unknown>; evaluated_at: Date; last_evaluated_at: Date; catalog_version: string; acceptance_id: string | null; reason: string | null; expires_at: Date | null; approved_by: string | null }>(
    `SELECT c.control_id, c.status::text AS status, c.score, c.evidence, c.evaluated_at, c.last_evaluated_at, c.catalog_version,
            a.id AS acceptance_id, a.reason, a.expires_at, a.approved_by
       FROM control_result c
       LEFT JOIN LATERAL (SELECT ra.id, ra.reason, ra.expires_at, ra.approved_by FROM risk_acceptance ra
                           WHERE ${controlAcceptanceConditions("c.repository_id", "c.control_id", "$2::timestamptz")}
                           ORDER BY ra.expires_at DESC LIMIT 1) a ON c.status IN ('fail', 'partial')
      WHERE c.repository_id = $1::uuid AND c.evaluated_at <= $2 AND (c.superseded_at IS NULL OR c.superseded_at > $2)`,
    [repositoryId, at],
  );
  const byControl = new Map(rows.map((r) => [r.control_id, r]));
  return catalogMetadata().map((control) => {
    const r = byControl.get(control.id);
    if (!r) return { ...control, status: "unknown", displayStatus: "unknown", score: null, evidence: { reason: "not evaluated yet" }, evaluatedAt: null, lastEvaluatedAt: null, catalogVersion: null, acceptance: null };
    const acceptance = r.acceptance_id ? { id: r.acceptance_id, reason: r.reason!, expiresAt: r.expires_at!.toISOString(), approvedBy: r.approved_by } : null;
    return {
      ...control,
      status: r.status,
      displayStatus: acceptance ? "accepted" : r.status,
      score: r.score,
      evidence: r.evidence,
      evaluatedAt: r.evaluated_at.toISOString(),
      lastEvaluatedAt: r.last_evaluated_at.toISOString(),
      catalogVersion: r.catalog_version,
      acceptance,
    };
  });
}

/** How "top risk" ranks repositories, for the UI. */
export const RISK_DESCRIPTION =
  "Risk = 10 × open critical + 5 × open high + 1 × open medium + 3 × findings past SLA + 4 × failing controls + 2 × partial controls (accepted ones excluded from the control terms only); ties go to the lower overall score.";

export interface RiskyRepository {
  repositoryId: string;
  fullName: string;
  platform: string;
  url: string | null;
  risk: number;
  rollup: RollupRow;
}

/** The riskiest repositories among `repositories`, from the latest repository snapshot at or before `asOf`. */
export async function topRiskRepositories(limit: number, repositories: RepositoryFilter, options: { asOf?: Date } = {}): Promise<RiskyRepository[]> {
  const rows = await query<RawRollup & { repository_id: string; full_name: string; source: string; url: string | null; risk: number }>(
    `WITH latest AS (SELECT max(day) AS day FROM posture_rollup WHERE scope = 'repository' AND stage = 'all' AND day <= $1::date)
     SELECT ${ROLLUP_COLUMNS}, r.id AS repository_id, r.full_name, r.source::text AS source, r.url,
            (10 * p.open_critical + 5 * p.open_high + p.open_medium + 3 * p.sla_breached + 4 * p.controls_failed + 2 * p.controls_partial) AS risk
       FROM posture_rollup p JOIN latest l ON p.day = l.day
       JOIN repository r ON r.id::text = p.scope_id AND r.deleted_at IS NULL
      WHERE p.scope = 'repository' AND p.stage = 'all' AND ${filterSql("r.id", 3, repositories)}
      ORDER BY risk DESC, p.score ASC NULLS LAST, r.full_name
      LIMIT $2`,
    [isoDay(options.asOf ?? new Date()), limit, ...(repositories === "all" ? [] : [filterParam(repositories)])],
  );
  return rows.map((r) => ({ repositoryId: r.repository_id, fullName: r.full_name, platform: r.source, url: r.url, risk: Number(r.risk), rollup: toRollup(r) }));
}

export interface SlaBreach {
  findingId: string;
  title: string;
  severity: string;
  kind: string;
  source: string;
  url: string | null;
  repositoryId: string | null;
  repositoryFullName: string | null;
  openedAt: string;
  slaDays: number;
  daysOverdue: number;
  accepted: boolean;
}

/**
 * Open findings past their SLA now, most overdue first, with totals by severity. With a list
 * of repositories only their findings (and their linked cloud findings) count; "all" also
 * counts cloud findings linked to no repository.
 */
export async function slaBreaches(repositories: RepositoryFilter, options: { limit?: number } = {}): Promise<{ totals: Record<string, number>; findings: SlaBreach[] }> {
  const settings = await loadScoringSettings((sql, params) => database().pool.query(sql, params));
  const rows = await query<{ id: string; title: string; severity: string; kind: string; source: string; url: string | null; repo: string | null; full_name: string | null; opened_at: Date; sla_days: number; overdue: number; accepted: boolean; total: number }>(
    `WITH breached AS (
       SELECT f.id, f.title, f.severity, f.kind::text AS kind, f.source::text AS source, f.url, f.attributed_repository_id AS repo, f.opened_at, f.rule_id,
              ${slaDaysSql("$1", "f.severity")} AS sla_days
         FROM (${ATTRIBUTED_FINDINGS}) f
        WHERE f.state = 'open' AND f.severity <> 'info' AND ${filterSql("f.attributed_repository_id", 3, repositories)}
     ), overdue AS (
       SELECT b.*, extract(epoch FROM now() - b.opened_at) / 86400 - b.sla_days AS overdue FROM breached b
        WHERE b.opened_at < now() - make_interval(days => 1) * b.sla_days
     )
     SELECT o.id, o.title, o.severity::text AS severity, o.kind, o.source, o.url, o.repo, r.full_name, o.opened_at, o.sla_days, floor(o.overdue)::int AS overdue,
            ${findingAcceptedSql("o.id", "o.repo", "o.rule_id", "now()")} AS accepted,
            count(*) OVER (PARTITION BY o.severity)::int AS total
       FROM overdue o LEFT JOIN repository r ON r.id = o.repo
      ORDER BY o.overdue DESC, o.id LIMIT $2`,
    [slaDaysArray(settings.slaDays), options.limit ?? 50, ...(repositories === "all" ? [] : [filterParam(repositories)])],
  );
  const totals = await query<{ severity: string; total: number }>(
    `SELECT f.severity::text AS severity, count(*)::int AS total FROM (${ATTRIBUTED_FINDINGS}) f
      WHERE f.state = 'open' AND f.severity <> 'info' AND ${filterSql("f.attributed_repository_id", 2, repositories)}
        AND f.opened_at < now() - make_interval(days => 1) * ${slaDaysSql("$1", "f.severity")}
      GROUP BY 1`,
    [slaDaysArray(settings.slaDays), ...(repositories === "all" ? [] : [filterParam(repositories)])],
  );
  return {
    totals: Object.fromEntries(totals.map((t) => [t.severity, t.total])),
    findings: rows.map((r) => ({
      findingId: String(r.id),
      title: r.title,
      severity: r.severity,
      kind: r.kind,
      source: r.source,
      url: r.url,
      repositoryId: r.repo,
      repositoryFullName: r.full_name,
      openedAt: r.opened_at.toISOString(),
      slaDays: Number(r.sla_days),
      daysOverdue: r.overdue,
      accepted: r.accepted,
    })),
  };
}

/** The tools the coverage panel lists, each read from one control's current results. */
export const COVERAGE_TOOLS = [
  { tool: "Secret scanning", controlId: "PRE-01", on: ["pass"] },
  { tool: "Push protection", controlId: "PRE-02", on: ["pass"] },
  { tool: "Code scanning (recent results)", controlId: "CI-01", on: ["pass"] },
  { tool: "Dependency alerts", controlId: "CI-03", on: ["pass"] },
  { tool: "Dependency security updates", controlId: "CI-04", on: ["pass"] },
  { tool: "Default branch review required", controlId: "PRE-04", on: ["pass"] },
  { tool: "Defender DevOps security", controlId: "CD-03", on: ["pass", "partial", "fail"] },
  { tool: "Azure DevOps audit log", controlId: "OPS-04", on: ["pass", "fail"] },
] as const;

export interface Coverage {
  tool: string;
  controlId: string;
  repositories: number;
  on: number;
  unknown: number;
  /** on / repositories × 100, one decimal; null with no repositories. */
  percent: number | null;
}

/** Share of repositories (among `repositories`) with each tool on, from current control results. */
export async function coverage(repositories: RepositoryFilter): Promise<Coverage[]> {
  const rows = await query<{ control_id: string; status: string; n: number }>(
    `SELECT c.control_id, c.status::text AS status, count(*)::int AS n
       FROM control_result c JOIN repository r ON r.id = c.repository_id AND r.deleted_at IS NULL
      WHERE c.superseded_at IS NULL AND c.control_id = ANY($1::text[]) AND ${filterSql("r.id", 2, repositories)}
      GROUP BY 1, 2`,
    [COVERAGE_TOOLS.map((t) => t.controlId), ...(repositories === "all" ? [] : [filterParam(repositories)])],
  );
  return COVERAGE_TOOLS.map((t) => {
    const mine = rows.filter((r) => r.control_id === t.controlId);
    const total = mine.reduce((n, r) => n + r.n, 0);
    const on = mine.filter((r) => (t.on as readonly string[]).includes(r.status)).reduce((n, r) => n + r.n, 0);
    const unknownCount = mine.filter((r) => r.status === "unknown").reduce((n, r) => n + r.n, 0);
    return { tool: t.tool, controlId: t.controlId, repositories: total, on, unknown: unknownCount, percent: total ? Math.round((1000 * on) / total) / 10 : null };
  });
}

/**
 * Mean hours from first report to fix/resolution, per severity, over findings closed in the
 * `days` before `asOf` (from finding events), within a scope and the viewer's repositories.
 */
export async function mttrBySeverity(scope: ScopeRef, options: { days?: number; asOf?: Date; repositories?: RepositoryFilter } = {}): Promise<Record<"critical" | "high" | "medium" | "low", { closed: number; meanHours: number | null }>> {
  const repositories = options.repositories ?? "all";
  const inScope =
    scope.scope === "repository" ? "f.repo = $4::uuid"
    : scope.scope === "team" ? "f.repo IN (SELECT repository_id FROM team_repository WHERE team_id = $4::uuid)"
    : scope.scope === "organization" ? "f.org = $4::uuid"
    : scope.id === ALL_ORGANIZATIONS ? "$4::text IS NOT NULL"
    : "f.org IN (SELECT id FROM organization WHERE enterprise_slug = $4::text)";
  const rows = await query<{ severity: "critical" | "high" | "medium" | "low"; closed: number; mean_hours: number | null }>(
    `WITH f AS (
       SELECT a.id, a.opened_at, r.id AS repo, COALESCE(r.organization_id, a.organization_id) AS org
         FROM (${ATTRIBUTED_FINDINGS}) a LEFT JOIN repository r ON r.id = a.attributed_repository_id
     )
     SELECT e.to_severity::text AS severity, count(*)::int AS closed, avg(extract(epoch FROM e.occurred_at - f.opened_at) / 3600)::float8 AS mean_hours
       FROM finding_event e JOIN f ON f.id = e.finding_id
      WHERE e.type IN ('fixed', 'resolved') AND e.occurred_at > $1::timestamptz - make_interval(days => $2::int) AND e.occurred_at <= $1::timestamptz
        AND e.to_severity <> 'info' AND ${inScope} AND ($3::uuid[] IS NULL OR f.repo = ANY($3::uuid[]))
      GROUP BY 1`,
    [options.asOf ?? new Date(), options.days ?? 90, filterParam(repositories), scope.id],
  );
  const out = { critical: { closed: 0, meanHours: null as number | null }, high: { closed: 0, meanHours: null as number | null }, medium: { closed: 0, meanHours: null as number | null }, low: { closed: 0, meanHours: null as number | null } };
  for (const r of rows) out[r.severity] = { closed: r.closed, meanHours: r.mean_hours === null ? null : Math.round(r.mean_hours * 10) / 10 };
  return out;
}
