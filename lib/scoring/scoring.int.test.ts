// Scoring on a hand-built world where every answer is known: a GitHub repository with push
// protection off (fails exactly that control), one with no evidence (unknown, never pass),
// Azure DevOps repositories with and without synced settings, a branch-policy bypass in the
// audit log, an overdue critical, a Defender "not applicable" result, risk acceptances.
import { beforeAll, describe, expect, it } from "vitest";
import { isolateInFreshSchema } from "../../test/fresh-schema";
import { database } from "../db";
import { controlResults, coverage, mttrBySeverity, slaBreaches, stageScores, topRiskRepositories, trend } from "./read";
import { scorePosture } from "./score-posture";
import { ALL_ORGANIZATIONS } from "./snapshot";

await isolateInFreshSchema();

const T0 = new Date("2026-06-15T12:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const daysAgo = (days: number) => at(-24 * days);
const sql = (text: string, params: unknown[] = []) => database().pool.query(text, params);

const GOOD_GITHUB_SETTINGS = {
  vulnerabilityAlerts: true,
  branchProtectionRules: [
    { pattern: "main", requiresApprovingReviews: true, requiredApprovingReviewCount: 1, requiresCodeOwnerReviews: true, dismissesStaleReviews: true, requiresStatusChecks: true, requiresCommitSignatures: true, allowsForcePushes: false, allowsDeletions: false },
  ],
  rulesets: [],
  securityAndAnalysis: { secret_scanning: { status: "enabled" }, secret_scanning_push_protection: { status: "disabled" }, dependabot_security_updates: { status: "enabled" } },
};
const ADO_SETTINGS = {
  ado: {
    projectId: "p1",
    defaultBranchRef: "refs/heads/main",
    isDisabled: false,
    branchPolicies: { minimumReviewers: 2, creatorVoteCounts: false, resetOnPush: true, requiredReviewers: [{ reviewerIds: ["x"], minimumApproverCount: 1, pathFilters: null }], buildValidation: [], commentResolution: true, workItemLinking: false, optionalPolicies: [] },
    bypass: { policyBypassGroups: [], contributorsCanBypass: false },
    pipelines: [],
    environments: [{ id: 1, name: "production", approvals: [{ approvers: ["a"], minRequiredApprovers: 1, requesterCannotBeApprover: true }], checks: [{ type: "Approval", name: "Approval" }] }],
  },
};

const ids = { github: "", ado: "", team: "", a: "", b: "", c: "", d: "", resource: "" };

async function insertFinding(f: { source?: string; sourceId: string; kind: string; repo: string | null; resource?: string | null; severity: string; state: string; stage: string; created: Date; closed?: Date | null; details?: object; org?: string | null }): Promise<string> {
  const closedColumn = f.state === "fixed" ? "fixed_at" : f.state === "resolved" ? "resolved_at" : "dismissed_at";
  const { rows } = await sql(
    `INSERT INTO finding (source, source_id, kind, organization_id, repository_id, cloud_resource_id, rule_id, title, severity, state, stage, fingerprint,
                          details, first_seen_at, last_seen_at, source_created_at, ${closedColumn})
     VALUES ($1::source, $2, $3::finding_kind, $4, $5, $6, 'rule-' || $2, 'finding ' || $2, $7::severity, $8::finding_state, $9::stage, repeat('a', 64), $10, $11, $11, $11, $12)
     RETURNING id`,
    [f.source ?? "github", f.sourceId, f.kind, f.org ?? null, f.repo, f.resource ?? null, f.severity, f.state, f.stage, JSON.stringify(f.details ?? {}), f.created, f.closed ?? null],
  );
  const id = rows[0].id as string;
  await sql(`INSERT INTO finding_event (finding_id, type, to_state, to_severity, occurred_at) VALUES ($1, 'opened', 'open', $2::severity, $3)`, [id, f.severity, f.created]);
  if (f.state !== "open") await sql(`INSERT INTO finding_event (finding_id, type, from_state, to_state, to_severity, occurred_at) VALUES ($1, $2::text::finding_event_type, 'open', $2::text::finding_state, $3::severity, $4)`, [id, f.state, f.severity, f.closed]);
  return id;
}

const result = (rows: Awaited<ReturnType<typeof controlResults>>, id: string) => rows.find((r) => r.id === id)!;
const stage = (s: NonNullable<Awaited<ReturnType<typeof stageScores>>>, name: string) => s.stages.find((x) => x.stage === name)!;

beforeAll(async () => {
  const org = await sql(`INSERT INTO organization (source, source_id, login, enterprise_slug, updated_at) VALUES ('github', 'gh-1', 'acme', 'acme-ent', now()), ('azure_devops', 'ado-1', 'fabrikam', NULL, now()) RETURNING id`);
  [ids.github, ids.ado] = org.rows.map((r) => r.id);
  const repos = await sql(
    `INSERT INTO repository (organization_id, source, source_id, name, full_name, project_name, default_branch, settings, updated_at) VALUES
       ($1, 'github', '101', 'api', 'acme/api', NULL, 'main', $3, now()),
       ($1, 'github', '102', 'bare', 'acme/bare', NULL, 'main', '{}', now()),
       ($2, 'azure_devops', 'c-guid', 'web', 'fabrikam/Shop/web', 'Shop', 'main', '{}', now()),
       ($2, 'azure_devops', 'd-guid', 'pay', 'fabrikam/Shop/pay', 'Shop', 'main', $4, now())
     RETURNING id`,
    [ids.github, ids.ado, JSON.stringify(GOOD_GITHUB_SETTINGS), JSON.stringify(ADO_SETTINGS)],
  );
  [ids.a, ids.b, ids.c, ids.d] = repos.rows.map((r) => r.id);
  ids.team = (await sql(`INSERT INTO team (organization_id, source, source_id, slug, name, updated_at) VALUES ($1, 'github', 't-1', 'platform', 'Platform', now()) RETURNING id`, [ids.github])).rows[0].id;
  await sql(`INSERT INTO team_repository (team_id, repository_id, permission, updated_at) VALUES ($1, $2, 'admin', now()), ($1, $3, 'push', now())`, [ids.team, ids.a, ids.b]);
  ids.resource = (await sql(`INSERT INTO cloud_resource (resource_id, subscription_id, type, name, repository_id, updated_at) VALUES ('/subscriptions/s1/x/api', 's1', 'Microsoft.Security/securityConnectors/devops/gitHubOwners/repos', 'acme/api', $1, now()) RETURNING id`, [ids.a])).rows[0].id;

  // Repository A: a high code alert opened 3 days ago and fixed 1 day ago (recent code scanning, MTTR 48 h).
  await insertFinding({ sourceId: "code:a:1", kind: "code", repo: ids.a, severity: "high", state: "fixed", stage: "ci", created: daysAgo(3), closed: daysAgo(1) });
  // A Defender "not applicable" result on A's linked resource: stored dismissed, never scored.
  await insertFinding({ source: "defender", sourceId: "na:1", kind: "cloud_recommendation", repo: null, resource: ids.resource, severity: "high", state: "dismissed", stage: "cd", created: daysAgo(2), closed: daysAgo(0.1), details: { scored: false } });
  // Repository D: a critical vulnerable dependency open for 10 days (SLA 7): breaches.
  await insertFinding({ sourceId: "dep:d:1", kind: "dependency", repo: ids.d, severity: "critical", state: "open", stage: "ci", created: daysAgo(10) });
  // A Defender alert on a resource linked to no repository: counts enterprise-wide only.
  await insertFinding({ source: "defender", sourceId: "alert:1", kind: "cloud_alert", repo: null, severity: "high", state: "open", stage: "operate", created: daysAgo(1) });
  // Azure DevOps audit: someone bypassed policies on repository C two days ago.
  await sql(
    `INSERT INTO audit_event (organization_id, source_id, action_id, area, category, project_name, actor_upn, data, occurred_at) VALUES
       ($1, 'e1', 'Git.RefUpdatePoliciesBypassed', 'Git', 'Modify', 'Shop', 'mallory@fabrikam.com', '{"RepoId": "C-GUID", "RepoName": "web"}', $2),
       ($1, 'e0', 'Project.CreateCompleted', 'Project', 'Create', 'Shop', 'admin@fabrikam.com', '{}', $3)`,
    [ids.ado, daysAgo(2), daysAgo(60)],
  );
});

describe("scorePosture on a hand-built world", () => {
  it("fails exactly push protection on a repository that has it off, and passes the rest it has evidence for", async () => {
    const summary = await scorePosture({ now: T0, backfillDays: 3 });
    expect(summary.repositories).toBe(4);
    const rows = await controlResults(ids.a, { asOf: T0 });
    expect(rows.filter((r) => r.status === "fail").map((r) => r.id)).toEqual(["PRE-02"]);
    expect(rows.filter((r) => r.status === "partial")).toEqual([]);
    // What A has evidence for passes; the rest is unknown, each with a reason.
    expect(rows.filter((r) => r.status === "pass").map((r) => r.id).sort()).toEqual(
      ["PRE-01", "PRE-03", "PRE-04", "PRE-05", "PRE-06", "PRE-07", "PRE-08", "CI-01", "CI-02", "CI-03", "CI-04", "CI-05", "CI-06", "CI-07", "OPS-01", "OPS-03", "OPS-06"].sort(),
    );
    for (const r of rows.filter((x) => x.status === "unknown")) expect(typeof r.evidence.reason).toBe("string");
    expect(result(rows, "PRE-02").evidence).toEqual({ pushProtection: false });
  });

  it("reports a repository without evidence as unknown, never as passing", async () => {
    const rows = await controlResults(ids.b, { asOf: T0 });
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["unknown"]));
    const scores = (await stageScores({ scope: "repository", id: ids.b }, { asOf: T0 }))!;
    expect(scores.stages.map((s) => s.score)).toEqual([null, null, null, null, null]);
    expect(stage(scores, "all").controls.unknown).toBe(30);
  });

  it("evaluates Azure DevOps repositories where settings exist and answers unknown where they do not", async () => {
    const c = await controlResults(ids.c, { asOf: T0 });
    expect(result(c, "PRE-04").status).toBe("unknown");
    expect(result(c, "OPS-04")).toMatchObject({ status: "fail", evidence: { bypasses: 1, actors: ["mallory@fabrikam.com"] } });
    const d = await controlResults(ids.d, { asOf: T0 });
    expect(result(d, "PRE-04")).toMatchObject({ status: "pass", evidence: { requiredApprovals: 2 } });
    expect(result(d, "PRE-05").status).toBe("pass");
    expect(result(d, "PRE-06").status).toBe("unknown"); // Azure Repos cannot require signed commits
    expect(result(d, "CD-06").status).toBe("pass");
    expect(result(d, "OPS-04").status).toBe("pass");
    expect(result(d, "CI-05")).toMatchObject({ status: "fail", evidence: { openBeyondSla: 1 } });
  });

  it("computes stage scores as weighted means and pools them in rollups", async () => {
    const a = (await stageScores({ scope: "repository", id: ids.a }, { asOf: T0 }))!;
    // pre-commit: weights 3+3+4+4+2+1+2+1 = 20, all but push protection (3) pass → 17/20.
    expect(stage(a, "pre_commit")).toMatchObject({ score: 85, controls: { passed: 7, failed: 1, partial: 0, unknown: 0, accepted: 0 } });
    expect(stage(a, "ci").score).toBe(100);
    expect(stage(a, "cd").score).toBeNull();
    expect(stage(a, "operate").score).toBe(100);
    // overall: (17 + 17 + 8) / (20 + 17 + 8)
    expect(stage(a, "all").score).toBe(93.3);
    // The team and org hold A and the evidence-less B: B does not move the score.
    expect(stage((await stageScores({ scope: "team", id: ids.team }, { asOf: T0 }))!, "pre_commit").score).toBe(85);
    expect(stage((await stageScores({ scope: "organization", id: ids.github }, { asOf: T0 }))!, "pre_commit").score).toBe(85);
    expect(stage((await stageScores({ scope: "enterprise", id: "acme-ent" }, { asOf: T0 }))!, "pre_commit").score).toBe(85);
    // Everything: A's 17/20 pooled with D's 9/9 (reviewers 4, required reviewers 2, force push 2, reset votes 1).
    expect(stage((await stageScores({ scope: "enterprise", id: ALL_ORGANIZATIONS }, { asOf: T0 }))!, "pre_commit").score).toBe(89.7);
  });

  it("counts open findings, SLA breaches and age exactly as the findings table says, leaving out not-applicable results", async () => {
    const all = stage((await stageScores({ scope: "enterprise", id: ALL_ORGANIZATIONS }, { asOf: T0 }))!, "all");
    const { rows } = await sql(`SELECT severity::text, count(*)::int AS n FROM finding WHERE state = 'open' AND (details->>'scored') IS DISTINCT FROM 'false' GROUP BY 1`);
    const direct = Object.fromEntries(rows.map((r) => [r.severity, r.n]));
    expect(all.open).toMatchObject({ critical: direct.critical ?? 0, high: direct.high ?? 0, medium: 0, low: 0, info: 0 });
    expect(all.slaBreached).toBe(1);
    expect(all.openByAge).toEqual({ "0-7": 1, "8-30": 1, "31-90": 0, ">90": 0 });
    expect(all.dismissed).toBe(0); // the not-applicable dismissal today is not a dismissal
    const d = stage((await stageScores({ scope: "repository", id: ids.d }, { asOf: T0 }))!, "ci");
    expect(d).toMatchObject({ open: { critical: 1 }, slaBreached: 1 });
  });

  it("snapshots past days from history: yesterday's fix with its time to remediate", async () => {
    const days = await trend({ scope: "repository", id: ids.a }, 3, { stage: "all", until: T0 });
    expect(days.map((d) => d.day)).toEqual(["2026-06-13", "2026-06-14", "2026-06-15"]);
    expect(days[1]).toMatchObject({ fixed: 1, mttrHours: { high: 48 }, score: null }); // no control history before the first run
    expect(days[0]!.open.high).toBe(1);
    expect(days[2]!.open.high).toBe(0);
    expect(await mttrBySeverity({ scope: "organization", id: ids.github }, { asOf: T0 })).toMatchObject({ high: { closed: 1, meanHours: 48 } });
  });

  it("writes no new control results or rollup rows when nothing changed", async () => {
    const before = (await sql(`SELECT (SELECT count(*) FROM control_result)::int AS results, (SELECT count(*) FROM posture_rollup)::int AS rollups`)).rows[0];
    const summary = await scorePosture({ now: at(0.1), backfillDays: 3 });
    expect(summary.results).toEqual({ inserted: 0, superseded: 0, unchanged: 120 });
    const after = (await sql(`SELECT (SELECT count(*) FROM control_result)::int AS results, (SELECT count(*) FROM posture_rollup)::int AS rollups`)).rows[0];
    expect(after).toEqual(before);
  });

  it("shows an accepted failing control as accepted, counted apart and still scored as failing; expiry reopens it", async () => {
    await sql(
      `INSERT INTO risk_acceptance (scope, team_id, control_id, reason, status, requested_by, approved_by, approved_at, expires_at, updated_at)
       VALUES ('control', $1, 'PRE-02', 'push protection blocks a vendored test fixture', 'active', 'dev@acme.com', 'sec@acme.com', $2, $3, now())`,
      [ids.team, at(0.1), at(1)],
    );
    await scorePosture({ now: at(0.2), backfillDays: 0 });
    expect(result(await controlResults(ids.a, { asOf: at(0.2) }), "PRE-02")).toMatchObject({ status: "fail", displayStatus: "accepted", acceptance: { reason: "push protection blocks a vendored test fixture" } });
    expect(stage((await stageScores({ scope: "repository", id: ids.a }, { asOf: at(0.2) }))!, "pre_commit")).toMatchObject({ score: 85, controls: { failed: 0, accepted: 1 } });

    const summary = await scorePosture({ now: at(2), backfillDays: 0 });
    expect(summary.expiredAcceptances).toBe(1);
    expect((await sql(`SELECT status::text FROM risk_acceptance`)).rows).toEqual([{ status: "expired" }]);
    expect((await sql(`SELECT action FROM app_audit_event WHERE action = 'risk.expired'`)).rowCount).toBe(1);
    expect(result(await controlResults(ids.a, { asOf: at(2) }), "PRE-02").displayStatus).toBe("fail");
    expect(stage((await stageScores({ scope: "repository", id: ids.a }, { asOf: at(2) }))!, "pre_commit")).toMatchObject({ score: 85, controls: { failed: 1, accepted: 0 } });
    // As of a moment inside the acceptance, it still reads accepted.
    expect(result(await controlResults(ids.a, { asOf: at(0.5) }), "PRE-02").displayStatus).toBe("accepted");
  });

  it("answers 'as of' a past date from history after a setting changes", async () => {
    const settings = { ...GOOD_GITHUB_SETTINGS, securityAndAnalysis: { ...GOOD_GITHUB_SETTINGS.securityAndAnalysis, secret_scanning_push_protection: { status: "enabled" } } };
    await sql(`UPDATE repository SET settings = $2 WHERE id = $1`, [ids.a, JSON.stringify(settings)]);
    const summary = await scorePosture({ now: at(3), backfillDays: 0 });
    expect(summary.results).toMatchObject({ inserted: 1, superseded: 1 });
    expect(result(await controlResults(ids.a, { asOf: at(3) }), "PRE-02").status).toBe("pass");
    expect(result(await controlResults(ids.a, { asOf: at(1) }), "PRE-02").status).toBe("fail");
    expect(result(await controlResults(ids.a, { asOf: at(-1) }), "PRE-02").evidence).toEqual({ reason: "not evaluated yet" });
  });

  it("applies the repository filter in every repository-level read", async () => {
    expect(await controlResults(ids.a, { repositories: [ids.b] })).toEqual([]);
    expect(await stageScores({ scope: "repository", id: ids.a }, { repositories: [ids.b] })).toBeNull();
    const risky = await topRiskRepositories(10, [ids.c, ids.d], { asOf: at(3) });
    expect(risky.map((r) => r.repositoryId)).toEqual([ids.d, ids.c]);
    expect((await slaBreaches([ids.a])).findings).toEqual([]);
    const cov = await coverage([ids.a, ids.b]);
    expect(cov.find((c) => c.controlId === "PRE-02")).toMatchObject({ repositories: 2, on: 1, unknown: 1, percent: 50 });
  });
});
