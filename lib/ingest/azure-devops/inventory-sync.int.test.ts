// The Azure DevOps inventory stream against the emulated demo world with the real clients
// (Azure SDK pipeline; Entra workload identity for org 0, as the demo configures it): a full
// sync stores exactly the world's repositories, default branches, branch policy, bypass,
// pipeline and environment evidence and team links; repeating it changes nothing; changes at
// the source (a policy removed, a bypass granted, a repository deleted) show on the next sync;
// 429s, 5xx, resets and broken bodies still end in equality.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "../../db";
import { startEmulators, type RunningEmulators } from "../../../emulators/start";
import { configureDemoConnections } from "../../../scripts/lib/demo-connections";
import { GIT_PERMISSION } from "../../../emulators/world/azure-devops-posture";
import { isolateInFreshSchema } from "../../../test/fresh-schema";
import { expectedAdoRepositories, expectedAdoTeamLinks } from "../../../test/azure-devops-inventory-truth";
import type { ConnectorSyncOptions } from "../sync-summary";
import { syncAzureDevOpsConnection } from "./sync-connection";
import { faultCampaign } from "../../../test/fault-campaign";

await isolateInFreshSchema();

const DIR = process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test";
let emulators: RunningEmulators;
const targets: { orgIndex: number; organization: string; connectionId: string }[] = [];

async function admin<T = unknown>(route: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulators.endpoints.admin}${route}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

const adoRequests = async () => (await admin<Record<string, { total: number }>>("/accounting", "GET")).azureDevOps!.total;

async function syncInventory(mode: "full" | "incremental", options: Partial<ConnectorSyncOptions> = {}) {
  const before = await adoRequests();
  const started = performance.now();
  const summaries = [];
  for (const target of targets) summaries.push(...(await syncAzureDevOpsConnection(target.connectionId, { mode, workerId: "test", streams: ["inventory"], ...options })));
  return { summaries, requests: (await adoRequests()) - before, seconds: (performance.now() - started) / 1000 };
}

/** Stored rows of every org equal the world: repositories with settings.ado, deletions, team links. */
async function assertDatabaseEqualsEmulator() {
  for (const target of targets) {
    const org = emulators.ctx.world.azureDevOps[target.orgIndex]!;
    const expected = expectedAdoRepositories(emulators.ctx, org);
    const { rows } = await database().pool.query(
      `SELECT r.source_id, r.name, r.full_name, r.project_name, r.url, r.default_branch, r.visibility, r.archived, r.settings -> 'ado' AS ado
         FROM repository r JOIN organization o ON o.id = r.organization_id
        WHERE o.source = 'azure_devops' AND o.login = $1 AND r.source = 'azure_devops' AND r.deleted_at IS NULL ORDER BY r.full_name`,
      [target.organization],
    );
    expect(rows.map((r) => r.source_id).sort()).toEqual([...expected.keys()].sort());
    for (const row of rows) expect(row, row.full_name).toEqual(expected.get(row.source_id));
    const links = await database().pool.query<{ link: string }>(
      `SELECT t.source_id || ' ' || r.source_id || ' ' || tr.permission AS link
         FROM team_repository tr JOIN team t ON t.id = tr.team_id JOIN repository r ON r.id = tr.repository_id
         JOIN organization o ON o.id = t.organization_id
        WHERE o.source = 'azure_devops' AND o.login = $1 AND t.deleted_at IS NULL ORDER BY 1`,
      [target.organization],
    );
    expect(links.rows.map((l) => l.link).sort()).toEqual(expectedAdoTeamLinks(org));
  }
}

/** Requests one inventory read costs: connectionData, projects, per project 5 lists + 2 per environment, Graph groups. */
function expectedRequests(): number {
  return targets.reduce((n, t) => {
    const org = emulators.ctx.world.azureDevOps[t.orgIndex]!;
    return n + 3 + org.projects.reduce((m, p) => m + 5 + 2 * p.posture.environments.length, 0);
  }, 0);
}

beforeAll(async () => {
  emulators = await startEmulators({ scale: "demo", seed: 7, dir: DIR, only: ["azureDevOps", "entra"] });
  const { endpoints } = emulators;
  await configureDemoConnections({ ...endpoints, world: { ...endpoints.world, githubOrgs: [], subscriptions: [] } }, DIR);
  for (const [orgIndex, organization] of endpoints.world.azureDevOpsOrgs.entries()) {
    const connection = await database().prisma.connection.findFirstOrThrow({ where: { kind: "azure_devops_org", baseUrl: endpoints.azureDevOps, config: { path: ["organization"], equals: organization } } });
    targets.push({ orgIndex, organization, connectionId: connection.id });
  }
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

describe("Azure DevOps inventory sync against the emulated demo world", () => {
  it("full sync: repositories, posture evidence and team links equal the world", async () => {
    const { summaries, requests, seconds } = await syncInventory("full");
    expect(summaries.map((s) => [s.source, s.stream, s.status])).toEqual(targets.map(() => ["azure_devops", "inventory", "succeeded"]));
    await assertDatabaseEqualsEmulator();
    expect(requests).toBe(expectedRequests());
    expect(summaries.reduce((n, s) => n + s.requests, 0)).toBe(requests);
    const entities = summaries.reduce((n, s) => n + s.items, 0);
    console.info(`ado inventory full sync (demo): ${entities} repositories+teams, ${requests} requests, ${seconds.toFixed(2)} s, ${Math.round(entities / seconds)} entities/s`);
    // The world has the cases the controls need, so the evidence is not trivially uniform.
    const { rows } = await database().pool.query(`SELECT settings -> 'ado' AS ado FROM repository WHERE source = 'azure_devops'`);
    expect(rows.some((r) => r.ado.bypass.contributorsCanBypass)).toBe(true);
    expect(rows.some((r) => r.ado.branchPolicies.minimumReviewers >= 2)).toBe(true);
    expect(rows.some((r) => r.ado.branchPolicies.buildValidation.length === 0)).toBe(true);
    expect(rows.some((r) => r.ado.environments.some((e: { approvals: unknown[] }) => e.approvals.length > 0))).toBe(true);
  }, 120_000);

  it("repeating the sync (incremental reads everything again) changes nothing", async () => {
    const { summaries } = await syncInventory("incremental");
    expect(summaries.map((s) => [s.status, s.updated])).toEqual(targets.map(() => ["succeeded", 0]));
    await assertDatabaseEqualsEmulator();
  }, 120_000);

  it("changes at the source show on the next sync: policy removed, bypass granted, repository deleted", async () => {
    const project = emulators.ctx.world.azureDevOps[0]!.projects[0]!;
    const [first, second, removed] = project.repos as [typeof project.repos[number], typeof project.repos[number], typeof project.repos[number]];
    first.policies = first.policies.filter((p) => p.kind !== "minimumReviewers" && p.kind !== "build");
    const contributors = project.posture.groups.find((g) => g.name === "Contributors")!;
    second.aces = [...second.aces.filter((a) => a.sid !== contributors.sid), { sid: contributors.sid, allow: GIT_PERMISSION.PolicyExempt, deny: 0 }];
    project.repos.splice(2, 1);

    const { summaries } = await syncInventory("incremental");
    expect(summaries.every((s) => s.status === "succeeded")).toBe(true);
    expect(summaries[0]!.updated).toBeGreaterThanOrEqual(3);
    await assertDatabaseEqualsEmulator();
    const stored = await database().pool.query(`SELECT source_id, deleted_at, settings -> 'ado' AS ado FROM repository WHERE source_id = ANY($1)`, [[first.id, second.id, removed.id]]);
    const byId = new Map(stored.rows.map((r) => [r.source_id, r]));
    expect(byId.get(first.id).ado.branchPolicies).toMatchObject({ minimumReviewers: 0, buildValidation: [] });
    expect(byId.get(second.id).ado.bypass.contributorsCanBypass).toBe(true);
    expect(byId.get(removed.id).deleted_at).toBeInstanceOf(Date);
  }, 120_000);

  faultCampaign("ends in exact equality with 429s, 5xx, resets, truncated and malformed bodies switched on", async () => {
    await admin("/faults/seed", "POST", { seed: 5 });
    await admin("/faults/azureDevOps", "PUT", { rateLimitRate: 0.08, serverErrorRate: 0.08, connectionResetRate: 0.06, truncatedBodyRate: 0.05, malformedBodyRate: 0.05, retryAfterSeconds: 1 });
    let injected: Record<string, number> = {};
    try {
      const { summaries } = await syncInventory("full", { maxRetries: 8 });
      expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
      injected = (await admin<Record<string, { injected: Record<string, number> }>>("/faults", "GET")).azureDevOps!.injected;
    } finally {
      await admin("/faults", "DELETE");
    }
    expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    console.info(`ado inventory faults injected: ${JSON.stringify(injected)}`);
    await assertDatabaseEqualsEmulator();
  }, 240_000);

  it("a source that keeps failing fails the run and leaves the stored inventory whole", async () => {
    const before = await database().pool.query(`SELECT count(*)::int AS n FROM repository WHERE source = 'azure_devops' AND deleted_at IS NULL`);
    await admin("/faults/azureDevOps", "PUT", { serverErrorRate: 1 });
    try {
      const { summaries } = await syncInventory("full", { maxRetries: 1 });
      expect(summaries.every((s) => s.status === "failed" && /50[023]/.test(s.error ?? ""))).toBe(true);
    } finally {
      await admin("/faults", "DELETE");
    }
    const after = await database().pool.query(`SELECT count(*)::int AS n FROM repository WHERE source = 'azure_devops' AND deleted_at IS NULL`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await assertDatabaseEqualsEmulator();
  }, 120_000);
});
