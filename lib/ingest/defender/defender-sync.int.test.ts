// The Defender connector against the ARM and Entra emulators with the real clients
// (@azure/identity, @azure/arm-security, the core pipeline): a full sync makes PostgreSQL equal
// to the world — every finding's kind, state, severity, stage and times, the secure score
// history, the DevOps inventory's code-to-cloud links — a repeat changes nothing, a sync after
// the world changes restores exact equality, and faults do not change the outcome.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "../../db";
import { startEmulators, type RunningEmulators } from "../../../emulators/start";
import { configureDemoConnections } from "../../../scripts/lib/demo-connections";
import { expectedDefenderFindings, expectedDevOpsRepos, expectedSecureScores } from "../../../test/defender-truth";
import { isolateInFreshSchema } from "../../../test/fresh-schema";
import { createDefenderClient } from "../../sources/defender/client";
import { createDefenderCredential, DefenderConnectionConfigSchema } from "../../sources/defender/credential";
import { resolveSecret } from "../../sources/secrets";
import type { StreamSyncSummary } from "../sync-summary";
import { syncDefenderConnection } from "./sync-connection";
import { faultCampaign } from "../../../test/fault-campaign";

await isolateInFreshSchema();

const DIR = process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test";
let emulators: RunningEmulators;
let connectionIds: string[] = [];

async function admin<T = Record<string, { total: number }>>(path: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulators.endpoints.admin}${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json() as Promise<T>;
}

const armRequests = async () => (await admin("/accounting", "GET")).arm!.total;

async function sync(mode: "full" | "incremental", options: Partial<Parameters<typeof syncDefenderConnection>[1]> = {}) {
  const before = await armRequests();
  const started = performance.now();
  const summaries: StreamSyncSummary[] = [];
  for (const id of connectionIds) summaries.push(...(await syncDefenderConnection(id, { mode, workerId: "test", ...options })));
  return { summaries, requests: (await armRequests()) - before, seconds: (performance.now() - started) / 1000 };
}

async function assertDatabaseEqualsWorld() {
  const { prisma } = database();
  const rows = await prisma.finding.findMany({
    where: { source: "defender", connectionId: { in: connectionIds } },
    select: { sourceId: true, kind: true, state: true, severity: true, stage: true, sourceCreatedAt: true, sourceUpdatedAt: true, resolvedAt: true, dismissedAt: true, fixedAt: true, cloudResource: { select: { resourceId: true } } },
  });
  const expected = expectedDefenderFindings(emulators.ctx.world);
  const actual = new Map(rows.map((r) => [r.sourceId, r]));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const mismatches: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id)!;
    const closed = got.state === "resolved" ? got.resolvedAt : got.state === "dismissed" ? got.dismissedAt : got.fixedAt;
    const gotView = {
      kind: got.kind,
      state: got.state,
      severity: got.severity,
      stage: got.stage,
      createdAt: got.sourceCreatedAt?.toISOString(),
      updatedAt: got.sourceUpdatedAt?.toISOString() ?? null,
      closedAt: closed?.toISOString() ?? null,
      cloudResourceId: got.cloudResource?.resourceId ?? null,
    };
    if (JSON.stringify(gotView) !== JSON.stringify(want)) mismatches.push(`${id}: ${JSON.stringify(gotView)} ≠ ${JSON.stringify(want)}`);
  }
  expect(mismatches.slice(0, 5)).toEqual([]);

  // Secure score history ends at the world's scores.
  const latest = await database().pool.query<{ subscription_id: string; score_name: string; current: number; max: number; percentage: number; weight: number }>(
    `SELECT DISTINCT ON (subscription_id, score_name) subscription_id, score_name, current, max, percentage, weight
       FROM secure_score_snapshot ORDER BY subscription_id, score_name, captured_at DESC`,
  );
  const scores = new Map(latest.rows.map((r) => [`${r.subscription_id}:${r.score_name}`, { current: r.current, max: r.max, percentage: r.percentage, weight: r.weight }]));
  expect(scores).toEqual(expectedSecureScores(emulators.ctx));

  // Code to cloud: each onboarded repository is a cloud resource linked to the Repository Rampart knows.
  const repoResources = await prisma.cloudResource.findMany({ where: { deletedAt: null, type: { contains: "/repos" } }, include: { repository: true } });
  const wantRepos = expectedDevOpsRepos(emulators.ctx.world);
  expect(new Map(repoResources.map((r) => [r.name, { subscriptionId: r.subscriptionId, platform: r.repository?.source, repoId: r.repository?.sourceId }]))).toEqual(
    new Map([...wantRepos].map(([name, want]) => [name, { subscriptionId: want.subscriptionId, platform: want.platform, repoId: want.repoId }])),
  );
}

/** The repositories Rampart would know from its GitHub and Azure DevOps connectors. */
async function seedKnownRepositories() {
  const { prisma } = database();
  const world = emulators.ctx.world;
  for (const org of world.github.orgs) {
    const row = await prisma.organization.create({ data: { source: "github", sourceId: String(org.id), login: org.login } });
    await prisma.repository.createMany({ data: org.repos.map((r) => ({ organizationId: row.id, source: "github" as const, sourceId: String(r.id), name: r.name, fullName: r.fullName })) });
  }
  for (const org of world.azureDevOps) {
    const row = await prisma.organization.create({ data: { source: "azure_devops", sourceId: org.id, login: org.name } });
    const repos = org.projects.flatMap((p) => p.repos.map((r) => ({ organizationId: row.id, source: "azure_devops" as const, sourceId: r.id, name: r.name, fullName: `${p.name}/${r.name}`, projectName: p.name })));
    await prisma.repository.createMany({ data: repos });
  }
}

function perStream(summaries: StreamSyncSummary[]) {
  const out: Record<string, { items: number; requests: number; seconds: number; entitiesPerSecond: number }> = {};
  for (const s of summaries) {
    const entry = (out[s.stream] ??= { items: 0, requests: 0, seconds: 0, entitiesPerSecond: 0 });
    entry.items += s.items;
    entry.requests += s.requests;
    entry.seconds += s.seconds;
  }
  for (const entry of Object.values(out)) entry.entitiesPerSecond = Math.round(entry.items / Math.max(entry.seconds, 0.001));
  return out;
}

beforeAll(async () => {
  emulators = await startEmulators({ scale: "demo", seed: 7, dir: DIR, only: ["arm", "entra"] });
  await configureDemoConnections({ ...emulators.endpoints, world: { ...emulators.endpoints.world, azureDevOpsOrgs: [] } }, DIR);
  connectionIds = (await database().prisma.connection.findMany({ where: { kind: "azure_subscription", baseUrl: emulators.endpoints.arm }, orderBy: { displayName: "asc" } })).map((c) => c.id);
  await seedKnownRepositories();
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

describe("Defender sync against the emulated demo world", () => {
  let fullRequests = 0;

  it("full sync: the database equals the world exactly; requests counted per stream", async () => {
    expect(connectionIds).toHaveLength(emulators.ctx.world.azure.subscriptions.length);
    const { summaries, requests, seconds } = await sync("full");
    expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
    // Every request the emulator saw is on some stream's bill.
    expect(summaries.reduce((n, s) => n + s.requests, 0)).toBe(requests);
    await assertDatabaseEqualsWorld();
    fullRequests = requests;
    const items = summaries.reduce((n, s) => n + s.items, 0);
    console.info(`defender full sync (demo, ${connectionIds.length} subscriptions): ${items} entities, ${requests} requests, ${seconds.toFixed(2)} s wall, ${Math.round(items / seconds)} entities/s`, JSON.stringify(perStream(summaries)));
  }, 120_000);

  it("repeating the sync changes nothing", async () => {
    const events = await database().prisma.findingEvent.count();
    const snapshots = await database().prisma.secureScoreSnapshot.count();
    const { summaries } = await sync("full");
    expect(summaries.reduce((n, s) => n + s.created + s.updated, 0)).toBe(0);
    expect(await database().prisma.findingEvent.count()).toBe(events);
    expect(await database().prisma.secureScoreSnapshot.count()).toBe(snapshots);
  }, 120_000);

  it("after the world changes, an incremental sync restores exact equality and closes what Defender stopped listing", async () => {
    const { prisma } = database();
    const subscription = emulators.ctx.world.azure.subscriptions[0]!;
    // A recommendation Defender no longer lists (its resource was deleted).
    const goneId = `/subscriptions/${subscription.subscriptionId}/resourcegroups/rg-gone/providers/microsoft.compute/virtualmachines/vm-gone/providers/microsoft.security/assessments/00000000-0000-0000-0000-00000000dead`;
    const gone = await prisma.finding.create({
      data: { source: "defender", sourceId: goneId, kind: "cloud_recommendation", connectionId: connectionIds[0], ruleId: "dead", title: "gone", severity: "high", state: "open", stage: "operate", fingerprint: "0".repeat(64), firstSeenAt: new Date(), lastSeenAt: new Date() },
    });
    await admin("/mutate", "POST", { fraction: 0.05 });
    // An analyst dismisses an alert in Defender.
    const connection = await prisma.connection.findUniqueOrThrow({ where: { id: connectionIds[0] } });
    const config = DefenderConnectionConfigSchema.parse(connection.config);
    const writer = createDefenderClient({ subscriptionId: subscription.subscriptionId, endpoint: emulators.endpoints.arm, credential: createDefenderCredential(config, await resolveSecret(connection.secretRef)) });
    const alert = subscription.alerts.find((a) => a.status === "Active")!;
    await writer.security.alerts.updateSubscriptionLevelStateToDismiss(alert.location, alert.name);

    const { summaries, requests } = await sync("incremental");
    expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
    const closed = await prisma.finding.findUniqueOrThrow({ where: { id: gone.id }, include: { events: true } });
    expect([closed.state, closed.events.map((e) => [e.type, e.reason])]).toEqual(["resolved", [["resolved", "no longer reported by Defender for Cloud"]]]);
    await prisma.finding.delete({ where: { id: gone.id } });
    await assertDatabaseEqualsWorld();
    const changed = summaries.reduce((n, s) => n + s.updated + s.created, 0);
    expect(changed).toBeGreaterThan(0);
    // The APIs have no "changed since": an incremental sync reads the same pages as a full one.
    console.info(`defender: full sync ${fullRequests} requests, sync after a 5 % change ${requests} requests, ${changed} rows written`);
  }, 120_000);

  faultCampaign("ends in exact equality with 429s, 5xx, resets, truncated and malformed bodies switched on", async () => {
    await admin("/arm/settings", "PUT", { pageSize: 7 });
    await admin("/mutate", "POST", { fraction: 0.02 });
    await admin("/faults/seed", "POST", { seed: 11 });
    await admin("/faults/arm", "PUT", { rateLimitRate: 0.06, serverErrorRate: 0.08, connectionResetRate: 0.05, truncatedBodyRate: 0.05, malformedBodyRate: 0.04, retryAfterSeconds: 1 });
    let injected: Record<string, number> = {};
    try {
      const { summaries, requests } = await sync("full");
      expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
      injected = (await admin<Record<string, { injected: Record<string, number> }>>("/faults", "GET")).arm!.injected;
      console.info(`defender under faults: ${requests} requests, injected ${JSON.stringify(injected)}`);
    } finally {
      await admin("/faults", "DELETE");
    }
    for (const kind of ["rate-limit", "server-error", "reset", "truncate", "malformed"]) expect(injected[kind] ?? 0).toBeGreaterThan(0);
    await assertDatabaseEqualsWorld();
  }, 240_000);

  it("a page that keeps failing fails its stream with the cursor kept, and the next run resumes from it", async () => {
    let broke = false;
    const first = await syncDefenderConnection(connectionIds[0]!, {
      mode: "full",
      workerId: "test",
      maxRetries: 0,
      onProgress: (p) => {
        if (p.stream === "assessments" && p.items >= 14 && !broke) {
          broke = true;
          void admin("/faults/arm", "PUT", { serverErrorRate: 1 });
        }
      },
    });
    await admin("/faults", "DELETE");
    const failed = first.find((s) => s.stream === "assessments")!;
    expect([failed.status, failed.error]).toEqual(["failed", expect.stringMatching(/50[023]|Server Error/)]);
    const broken = await database().prisma.syncRun.findFirstOrThrow({ where: { connectionId: connectionIds[0], stream: "assessments", status: "failed" }, orderBy: { queuedAt: "desc" } });
    expect((broken.cursor as { next: string }).next).toMatch(/\$skipToken=/);

    const resumed = await syncDefenderConnection(connectionIds[0]!, { mode: "full", workerId: "test" });
    const assessments = resumed.find((s) => s.stream === "assessments")!;
    expect(assessments.status).toBe("succeeded");
    expect(assessments.items).toBeLessThan(emulators.ctx.world.azure.subscriptions[0]!.assessments.length);
    await admin("/arm/settings", "DELETE");
    await assertDatabaseEqualsWorld();
  }, 180_000);
});
