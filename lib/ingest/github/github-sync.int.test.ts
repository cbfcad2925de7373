// The GitHub connector against the GitHub emulator with the real Octokit clients: a full sync
// makes PostgreSQL equal to the world, an incremental sync after the world changes restores
// exact equality for far fewer requests, and faults do not change the outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "../../db";
import { startEmulators, type RunningEmulators } from "../../../emulators/start";
import { configureDemoConnections } from "../../../scripts/lib/demo-connections";
import { expectedFindings, expectedInventory } from "../../../test/github-truth";
import { syncGitHubConnection } from "./sync-connection";
import { isolateInFreshSchema } from "../../../test/fresh-schema";
import { faultCampaign } from "../../../test/fault-campaign";

// Its own schema: another file's emulated world would share repository ids with this one.
await isolateInFreshSchema();

let emulators: RunningEmulators;
let connectionId = "";

async function admin(path: string, method: string, body?: unknown) {
  const response = await fetch(`${emulators.endpoints.admin}${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json() as Promise<Record<string, { total: number }>>;
}

async function assertDatabaseEqualsWorld() {
  const { prisma } = database();
  const rows = await prisma.finding.findMany({
    where: { source: "github", connectionId },
    select: { sourceId: true, state: true, severity: true, sourceUpdatedAt: true, fixedAt: true, dismissedAt: true, resolvedAt: true },
  });
  const expected = expectedFindings(emulators.ctx.world);
  const actual = new Map(rows.map((r) => [r.sourceId, r]));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const mismatches: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id)!;
    const closed = got.state === "fixed" ? got.fixedAt : got.state === "dismissed" ? got.dismissedAt : null;
    if (got.state !== want.state) mismatches.push(`${id} state ${got.state} ≠ ${want.state}`);
    if (got.sourceUpdatedAt?.toISOString() !== want.updatedAt) mismatches.push(`${id} updated ${got.sourceUpdatedAt?.toISOString()} ≠ ${want.updatedAt}`);
    if ((closed?.toISOString() ?? null) !== want.closedAt) mismatches.push(`${id} closed ${closed?.toISOString()} ≠ ${want.closedAt}`);
    if (want.severity !== "(secret)" && got.severity !== want.severity) mismatches.push(`${id} severity ${got.severity} ≠ ${want.severity}`);
  }
  expect(mismatches.slice(0, 10)).toEqual([]);

  const inventory = expectedInventory(emulators.ctx.world);
  const repos = await prisma.repository.findMany({ where: { source: "github", deletedAt: null, organization: { connectionId } } });
  expect(repos.map((r) => r.sourceId).sort()).toEqual([...inventory.repos.keys()].sort());
  for (const repo of repos) {
    const want = inventory.repos.get(repo.sourceId)!;
    const settings = repo.settings as { securityAndAnalysis?: { secret_scanning_push_protection?: { status?: string } }; branchProtectionRules?: { requiredApprovingReviewCount?: number }[] };
    expect({ fullName: repo.fullName, defaultBranch: repo.defaultBranch, archived: repo.archived, pushProtection: settings.securityAndAnalysis?.secret_scanning_push_protection?.status === "enabled", requiredReviews: settings.branchProtectionRules?.[0]?.requiredApprovingReviewCount ?? null }).toEqual(want);
  }
  const teamRepos = await prisma.teamRepository.findMany({ where: { team: { organization: { connectionId }, deletedAt: null } }, include: { team: { include: { organization: true } }, repository: true } });
  expect(new Set(teamRepos.map((tr) => `${tr.team.organization.login}/${tr.team.slug}:${tr.repository.name}:${tr.permission}`))).toEqual(inventory.teamRepos);
  const members = await prisma.teamMember.findMany({ where: { team: { organization: { connectionId }, deletedAt: null } }, include: { team: { include: { organization: true } } } });
  expect(new Set(members.map((m) => `${m.team.organization.login}/${m.team.slug}:${m.login}`))).toEqual(inventory.teamMembers);
}

async function sync(mode: "full" | "incremental", options: Partial<Parameters<typeof syncGitHubConnection>[1]> = {}) {
  const before = (await admin("/accounting", "GET")).github!.total;
  const summaries = await syncGitHubConnection(connectionId, { mode, workerId: "test", ...options });
  const after = (await admin("/accounting", "GET")).github!.total;
  return { summaries, requests: after - before };
}

beforeAll(async () => {
  emulators = await startEmulators({ scale: "demo", seed: 7, dir: process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test", only: ["github"] });
  await configureDemoConnections({ ...emulators.endpoints, world: { ...emulators.endpoints.world, subscriptions: [], azureDevOpsOrgs: [] } }, process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test");
  connectionId = (await database().prisma.connection.findFirstOrThrow({ where: { kind: "github_app", baseUrl: emulators.endpoints.github } })).id;
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

describe("GitHub sync against the emulated demo world", () => {
  let fullRequests = 0;

  it("full sync: the database equals the world, for the minimum number of requests", async () => {
    const { summaries, requests } = await sync("full");
    expect(summaries.every((s) => s.status === "succeeded")).toBe(true);
    await assertDatabaseEqualsWorld();
    const alertPages = summaries.filter((s) => s.stream !== "inventory").reduce((n, s) => n + Math.max(1, Math.ceil(s.items / 100)), 0);
    const inventory = summaries.filter((s) => s.stream === "inventory").reduce((n, s) => n + s.requests, 0);
    // Each installation token costs one request too.
    expect(requests).toBeLessThanOrEqual(Math.ceil((alertPages + inventory) * 1.05) + emulators.endpoints.githubApp.installations.length);
    fullRequests = requests;
  }, 120_000);

  it("repeating the sync changes nothing", async () => {
    const { summaries } = await sync("full");
    expect(summaries.reduce((n, s) => n + s.created + s.updated, 0)).toBe(0);
  }, 120_000);

  it("incremental sync after a 1 % change restores exact equality with a fraction of the requests", async () => {
    await admin("/mutate", "POST", { fraction: 0.01 });
    const { summaries, requests } = await sync("incremental");
    expect(summaries.every((s) => s.status === "succeeded" && s.mode === "incremental")).toBe(true);
    await assertDatabaseEqualsWorld();
    expect(requests).toBeLessThan(fullRequests * 0.4);
    console.info(`full sync ${fullRequests} requests, incremental ${requests} (${((100 * requests) / fullRequests).toFixed(1)} %)`);
  }, 120_000);

  faultCampaign("ends in exact equality with 429s, secondary limits, 5xx and resets switched on", async () => {
    await admin("/mutate", "POST", { fraction: 0.02 });
    await admin("/faults/seed", "POST", { seed: 11 });
    await admin("/faults/github", "PUT", { rateLimitRate: 0.05, secondaryRateLimitRate: 0.05, serverErrorRate: 0.08, connectionResetRate: 0.05, retryAfterSeconds: 1 });
    let injected: Record<string, number> = {};
    try {
      const { summaries } = await sync("full");
      expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
      injected = ((await admin("/faults", "GET")) as unknown as Record<string, { injected: Record<string, number> }>).github!.injected;
    } finally {
      await admin("/faults", "DELETE");
    }
    // The campaign really happened: each kind of fault hit the sync at least once.
    for (const kind of ["rate-limit", "secondary-rate-limit", "server-error", "reset"]) expect(injected[kind] ?? 0).toBeGreaterThan(0);
    await assertDatabaseEqualsWorld();
  }, 180_000);

  it("a page that keeps failing fails the stream with a clear error, and the next run resumes from its cursor", async () => {
    let pages = 0;
    let broke = false;
    const failing = await sync("full", {
      maxRetries: 1,
      onProgress: (p) => {
        // Break the source after the first org's code-scanning stream has committed two pages.
        if (p.stream === "code-scanning-alerts" && ++pages === 2 && !broke) {
          broke = true;
          void admin("/faults/github", "PUT", { serverErrorRate: 1 });
        }
      },
    });
    await admin("/faults", "DELETE");
    const failed = failing.summaries.filter((s) => s.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.error).toMatch(/50[023]|Server Error/);
    const firstOrg = emulators.endpoints.githubApp.installations[0]!.account;
    const broken = await database().prisma.syncRun.findFirstOrThrow({ where: { connectionId, status: "failed", stream: "code-scanning-alerts", scopeKey: firstOrg }, orderBy: { queuedAt: "desc" } });
    expect((broken.cursor as { next: string | null }).next).toMatch(/code-scanning\/alerts/);
    expect(broken.error).toBeTruthy();

    const resumed = await sync("full");
    expect(resumed.summaries.every((s) => s.status === "succeeded")).toBe(true);
    const resumedRun = await database().prisma.syncRun.findFirstOrThrow({ where: { connectionId, stream: "code-scanning-alerts", scopeKey: broken.scopeKey }, orderBy: { queuedAt: "desc" } });
    // It started from the committed cursor, not from page one.
    const full = resumed.summaries.find((s) => s.stream === "code-scanning-alerts" && s.scopeKey === broken.scopeKey)!;
    expect(resumedRun.itemsSeen).toBe(full.items);
    expect(full.items).toBeLessThan(emulators.ctx.world.alerts(emulators.ctx.world.github.orgs.findIndex((o) => o.login === broken.scopeKey), "code_scanning").size);
    await assertDatabaseEqualsWorld();
  }, 180_000);
});
