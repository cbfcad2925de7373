// Builds a PostureReport (lib/reports/model.ts) from the database for a scope and an "as of"
// moment, within what the viewer may see. Everything as of a past date comes from history —
// control_result validity intervals, finding events, sync runs, acceptance dates, rollup
// snapshots — so the report for 30 September produced in November says what was true then.
//
// Controls of a multi-repository scope are aggregated per control across its repositories:
// pass when every repository with evidence passes, fail when none does, partial in between,
// unknown without evidence; the score is the mean of the repositories' scores; the evidence
// says how many repositories are in each state and names the first failing ones.
import { database } from "../db";
import type { Viewer } from "../auth/policy";
import { NotFoundError } from "../http/errors";
import { catalogMetadata } from "../scoring/catalog";
import { ALL_ORGANIZATIONS, controlResults, mttrBySeverity, stageScores, trend, type ScopeRef } from "../scoring/read";
import { loadScoringSettings } from "../scoring/settings";
import { summarizeOpenFindings } from "./findings-summary";
import type { ControlReport, ControlStatus, FindingRow, MttrRow, PostureReport, ReportScope, RiskAcceptanceRow, Severity, Stage, StageScore } from "./model";

export interface ReportRequest {
  scope: { kind: ReportScope["kind"]; id: string | null };
  asOf: Date;
  /** Days of trend before asOf. */
  periodDays?: number;
  /** Open findings listed for the POA&M and the findings table (the summary counts them all). */
  findingsLimit?: number;
}

/** Who asks: a signed-in viewer, or an operator running the CLI with database access. */
export type ReportRequester = { viewer: Viewer } | { operator: string };

interface ResolvedScope {
  scope: ReportScope;
  rollup: ScopeRef | null;
  repositoryIds: string[];
}

const q = <T extends object>(sql: string, params: unknown[]) => database().pool.query<T>(sql, params).then((r) => r.rows);

async function visibleRepositories(requester: ReportRequester): Promise<ReadonlySet<string> | "all"> {
  return "viewer" in requester ? requester.viewer.repositoryScope() : "all";
}

/** The scope's name and repositories, intersected with what the requester may see; 404 when none of it is visible. */
async function resolveScope(requester: ReportRequester, request: ReportRequest["scope"]): Promise<ResolvedScope> {
  const visible = await visibleRepositories(requester);
  const keep = (ids: string[]) => (visible === "all" ? ids : ids.filter((id) => visible.has(id)));
  const { prisma } = database();
  if (request.kind === "enterprise") {
    const all = await prisma.repository.findMany({ where: { deletedAt: null }, select: { id: true } });
    const repositoryIds = keep(all.map((r) => r.id));
    return {
      scope: { kind: "enterprise", id: ALL_ORGANIZATIONS, name: visible === "all" ? "All organizations" : "My repositories" },
      rollup: visible === "all" ? { scope: "enterprise", id: ALL_ORGANIZATIONS } : null,
      repositoryIds,
    };
  }
  const id = request.id ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("No such scope.");
  if (request.kind === "repo") {
    const repo = await prisma.repository.findFirst({ where: { id, deletedAt: null }, select: { id: true, fullName: true } });
    if (!repo || keep([repo.id]).length === 0) throw new NotFoundError("No such repository.");
    return { scope: { kind: "repo", id: repo.id, name: repo.fullName }, rollup: { scope: "repository", id: repo.id }, repositoryIds: [repo.id] };
  }
  if (visible !== "all") throw new NotFoundError("No such scope.");
  if (request.kind === "org") {
    const org = await prisma.organization.findFirst({ where: { id, deletedAt: null }, select: { id: true, login: true, repositories: { where: { deletedAt: null }, select: { id: true } } } });
    if (!org) throw new NotFoundError("No such organization.");
    return { scope: { kind: "org", id: org.id, name: org.login }, rollup: { scope: "organization", id: org.id }, repositoryIds: org.repositories.map((r) => r.id) };
  }
  const team = await prisma.team.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true, organization: { select: { login: true } }, repositories: { select: { repositoryId: true } } } });
  if (!team) throw new NotFoundError("No such team.");
  return { scope: { kind: "team", id: team.id, name: `${team.organization.login} / ${team.name}` }, rollup: { scope: "team", id: team.id }, repositoryIds: team.repositories.map((r) => r.repositoryId) };
}

const STAGES: Stage[] = ["pre_commit", "ci", "cd", "operate"];

async function stageScoresOf(rollup: ScopeRef | null, asOf: Date, days: number): Promise<StageScore[]> {
  if (!rollup) return STAGES.map((stage) => ({ stage, score: null, trend: [] }));
  const [latest, rows] = await Promise.all([stageScores(rollup, { asOf }), trend(rollup, days, { until: asOf })]);
  return STAGES.map((stage) => ({
    stage,
    score: latest?.stages.find((s) => s.stage === stage)?.score ?? null,
    trend: rows.filter((r) => r.stage === stage).map((r) => ({ day: r.day, score: r.score })),
  }));
}

async function aggregatedControls(repositoryIds: string[], asOf: Date): Promise<ControlReport[]> {
  if (repositoryIds.length === 1) {
    const results = await controlResults(repositoryIds[0]!, { asOf });
    return results.map((c) => ({
      id: c.id,
      title: c.title,
      stage: c.stage,
      status: c.displayStatus as ControlStatus,
      score: c.score,
      evidence: c.evidence,
      remediation: c.remediation,
      mappings: c.mappings,
      evaluatedAt: c.evaluatedAt ?? undefined,
    }));
  }
  const rows = await q<{ control_id: string; status: string; n: number; mean: number | null; failing: string[] | null }>(
    `SELECT c.control_id, c.status::text AS status, count(*)::int AS n, avg(c.score) AS mean,
            (array_agg(r.full_name ORDER BY r.full_name) FILTER (WHERE c.status IN ('fail','partial')))[1:20] AS failing
       FROM control_result c JOIN repository r ON r.id = c.repository_id
      WHERE c.repository_id = ANY($1::uuid[]) AND c.evaluated_at <= $2 AND (c.superseded_at IS NULL OR c.superseded_at > $2)
      GROUP BY 1, 2`,
    [repositoryIds, asOf],
  );
  return catalogMetadata().map((control) => {
    const mine = rows.filter((r) => r.control_id === control.id);
    const count = (s: string) => mine.find((r) => r.status === s)?.n ?? 0;
    const [passing, failing, partial, unknown] = [count("pass"), count("fail"), count("partial"), count("unknown")];
    const evidenced = passing + failing + partial;
    const scoreSum = mine.filter((r) => r.status !== "unknown").reduce((s, r) => s + Number(r.mean ?? 0) * r.n, 0);
    const status: ControlStatus = evidenced === 0 ? "unknown" : passing === evidenced ? "pass" : passing === 0 && partial === 0 ? "fail" : "partial";
    return {
      id: control.id,
      title: control.title,
      stage: control.stage,
      status,
      score: evidenced === 0 ? null : Math.round((1000 * scoreSum) / evidenced) / 1000,
      evidence: { repositories: repositoryIds.length, passing, failing, partial, unknown: unknown + (repositoryIds.length - passing - failing - partial - unknown), failingRepositories: mine.flatMap((r) => r.failing ?? []).slice(0, 20) },
      remediation: control.remediation,
      mappings: control.mappings,
    };
  });
}

async function openFindingsAsOf(repositoryIds: string[], includeUnattributed: boolean, asOf: Date, slaDays: Record<string, number>): Promise<FindingRow[]> {
  // State and severity as of the date: the latest event at or before it; a finding first seen
  // by then without events yet counts as open with its current severity.
  const rows = await q<{ id: string; title: string; severity: Severity; stage: Stage; full_name: string | null; opened_at: Date; url: string | null }>(
    `SELECT f.id::text AS id, f.title, COALESCE(e.to_severity, f.severity)::text AS severity, f.stage::text AS stage, r.full_name,
            COALESCE(f.source_created_at, f.first_seen_at) AS opened_at, f.url
       FROM finding f
       LEFT JOIN cloud_resource cr ON f.repository_id IS NULL AND cr.id = f.cloud_resource_id
       LEFT JOIN repository r ON r.id = COALESCE(f.repository_id, cr.repository_id)
       LEFT JOIN LATERAL (SELECT ev.to_state, ev.to_severity FROM finding_event ev WHERE ev.finding_id = f.id AND ev.occurred_at <= $2
                           ORDER BY ev.occurred_at DESC, ev.id DESC LIMIT 1) e ON TRUE
      WHERE (f.details ->> 'scored') IS DISTINCT FROM 'false'
        AND COALESCE(f.source_created_at, f.first_seen_at) <= $2
        AND COALESCE(e.to_state::text, 'open') = 'open'
        AND (COALESCE(f.repository_id, cr.repository_id) = ANY($1::uuid[]) OR ($3 AND COALESCE(f.repository_id, cr.repository_id) IS NULL))
      ORDER BY array_position(ARRAY['critical','high','medium','low','info'], COALESCE(e.to_severity, f.severity)::text), f.id`,
    [repositoryIds, asOf, includeUnattributed],
  );
  return rows.map((r) => {
    const days = slaDays[r.severity];
    return {
      id: r.id,
      title: r.title,
      severity: r.severity,
      state: "open",
      stage: r.stage,
      repository: r.full_name,
      firstSeenAt: r.opened_at.toISOString(),
      dueAt: days === undefined ? null : new Date(r.opened_at.getTime() + days * 86_400_000).toISOString(),
      url: r.url,
    };
  });
}

async function acceptancesAsOf(repositoryIds: string[], asOf: Date): Promise<PostureReport["riskAcceptances"]> {
  const rows = await q<{ id: string; scope: string; rule_id: string | null; control_id: string | null; finding_id: string | null; reason: string; approved_by: string | null; requested_by: string; approved_at: Date | null; expires_at: Date; revoked_at: Date | null }>(
    `SELECT id, scope::text AS scope, rule_id, control_id, finding_id::text AS finding_id, reason, approved_by, requested_by, approved_at, expires_at, revoked_at
       FROM risk_acceptance WHERE repository_id = ANY($1::uuid[]) AND approved_at IS NOT NULL AND approved_at <= $2
      ORDER BY expires_at`,
    [repositoryIds, asOf],
  );
  const toRow = (r: (typeof rows)[number]): RiskAcceptanceRow => ({
    id: r.id,
    subject: r.scope === "finding" ? `finding ${r.finding_id}` : r.scope === "rule" ? `rule ${r.rule_id}` : `control ${r.control_id}`,
    reason: r.reason,
    acceptedBy: r.approved_by ?? r.requested_by,
    approvedAt: r.approved_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
  });
  const live = (r: (typeof rows)[number]) => r.expires_at > asOf && (!r.revoked_at || r.revoked_at > asOf);
  return { inForce: rows.filter(live).map(toRow), expired: rows.filter((r) => !live(r) && r.expires_at <= asOf).map(toRow) };
}

async function syncCoverageAsOf(asOf: Date): Promise<PostureReport["syncCoverage"]> {
  const rows = await q<{ source: string; stream: string; last: Date | null }>(
    `SELECT source::text AS source, stream, max(finished_at) FILTER (WHERE status IN ('succeeded','partial') AND finished_at <= $1) AS last
       FROM sync_run GROUP BY 1, 2 ORDER BY 1, 2`,
    [asOf],
  );
  return rows.map((r) => ({ source: r.source, stream: r.stream, lastSuccessAt: r.last?.toISOString() ?? null }));
}

export async function assemblePostureReport(requester: ReportRequester, request: ReportRequest, now = new Date()): Promise<PostureReport> {
  const resolved = await resolveScope(requester, request.scope);
  const days = request.periodDays ?? 30;
  const asOf = request.asOf;
  const settings = await loadScoringSettings((sql, params) => database().pool.query(sql, params));
  const slaDays: Record<string, number> = { ...settings.slaDays };
  const unscoped = resolved.scope.kind === "enterprise" && resolved.rollup !== null;
  const [stageScoreRows, controls, open, acceptances, coverage, mttr] = await Promise.all([
    stageScoresOf(resolved.rollup, asOf, days),
    aggregatedControls(resolved.repositoryIds, asOf),
    openFindingsAsOf(resolved.repositoryIds, unscoped, asOf, slaDays),
    acceptancesAsOf(resolved.repositoryIds, asOf),
    syncCoverageAsOf(asOf),
    resolved.rollup ? mttrBySeverity(resolved.rollup, { days: 90, asOf }) : null,
  ]);
  const mttrRows: MttrRow[] = (["critical", "high", "medium", "low"] as const).map((severity) => ({
    severity,
    meanHours: mttr?.[severity].meanHours ?? null,
    closedCount: mttr?.[severity].closed ?? 0,
    slaHours: slaDays[severity] === undefined ? null : slaDays[severity]! * 24,
  }));
  const viewer = "viewer" in requester ? { upn: requester.viewer.upn ?? requester.viewer.objectId, roles: [...requester.viewer.roles] } : { upn: requester.operator, roles: ["operator"] };
  return {
    scope: resolved.scope,
    asOf: asOf.toISOString(),
    period: { from: new Date(asOf.getTime() - days * 86_400_000).toISOString(), to: asOf.toISOString() },
    generatedAt: now.toISOString(),
    viewer,
    stageScores: stageScoreRows,
    controls,
    openFindings: summarizeOpenFindings(open, asOf.toISOString()),
    mttr: mttrRows,
    riskAcceptances: acceptances,
    syncCoverage: coverage,
    findings: open.slice(0, request.findingsLimit ?? 5000),
  };
}
