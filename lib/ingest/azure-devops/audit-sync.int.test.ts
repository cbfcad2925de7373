// The Azure DevOps audit connector against the emulators with the real clients (Azure SDK
// pipeline, @azure/identity against the Entra emulator for one org, a PAT for the other): a
// backfill stores exactly the retained log, repeating it changes nothing, an incremental after
// new entries restores exact equality for a few requests, throttling and faults do not change
// the outcome, and a failed or killed run resumes from its committed cursor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { database } from "../../db";
import { upsertConnection } from "../../data/connections";
import { startEmulators, type RunningEmulators } from "../../../emulators/start";
import { configureDemoConnections } from "../../../scripts/lib/demo-connections";
import { isolateInFreshSchema } from "../../../test/fresh-schema";
import { entryFromRow, expectedAuditEntries, retentionStart, withoutNulls, type StoredAuditRow } from "../../../test/azure-devops-truth";
import { parseAuditTimestamp } from "../../sources/azure-devops/map-audit-entry";
import { AUDIT_BATCH_SIZE } from "../../sources/azure-devops/audit-log";
import type { ConnectorSyncOptions, StreamSyncSummary } from "../sync-summary";
import { syncAzureDevOpsConnection } from "./sync-connection";
import { faultCampaign } from "../../../test/fault-campaign";

await isolateInFreshSchema();

const DIR = process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test";
let emulators: RunningEmulators;
/** Org 0 signs in with the Entra workload identity (the demo's setting), org 1 with a PAT. */
const targets: { orgIndex: number; organization: string; connectionId: string; auth: "entra" | "pat" }[] = [];
/** The oldest entry time the first backfill could see; the database keeps everything since. */
let since = 0;

async function admin<T = unknown>(route: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulators.endpoints.admin}${route}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

const adoRequests = async () => (await admin<Record<string, { total: number }>>("/accounting", "GET")).azureDevOps!.total;

async function syncAll(mode: "full" | "incremental", options: Partial<ConnectorSyncOptions> = {}, only?: number) {
  const before = await adoRequests();
  const started = performance.now();
  const summaries: StreamSyncSummary[] = [];
  for (const target of targets.filter((t) => only === undefined || t.orgIndex === only)) {
    summaries.push(...(await syncAzureDevOpsConnection(target.connectionId, { mode, workerId: "test", streams: ["audit-log"], ...options })));
  }
  return { summaries, requests: (await adoRequests()) - before, seconds: (performance.now() - started) / 1000 };
}

async function storedRows(organization: string): Promise<StoredAuditRow[]> {
  const { rows } = await database().pool.query<StoredAuditRow>(
    `SELECT e.* FROM audit_event e JOIN organization o ON o.id = e.organization_id
      WHERE o.source = 'azure_devops' AND o.login = $1`,
    [organization],
  );
  return rows;
}

/** Every org's stored entries equal the world's, field for field, none missing, none extra. */
async function assertDatabaseEqualsEmulator() {
  for (const target of targets) {
    const org = emulators.ctx.world.azureDevOps[target.orgIndex]!;
    const expected = expectedAuditEntries(emulators.ctx, org, since);
    const rows = await storedRows(target.organization);
    expect(rows.length).toBe(expected.size);
    const mismatches: string[] = [];
    for (const row of rows) {
      const want = expected.get(row.source_id);
      if (!want) {
        mismatches.push(`${row.source_id} is not in the emulator's log`);
        continue;
      }
      const got = entryFromRow(row);
      if (JSON.stringify(sorted(got)) !== JSON.stringify(sorted(withoutNulls(want)))) mismatches.push(`${row.source_id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      if (row.occurred_at.getTime() !== parseAuditTimestamp(want.timestamp as string)!.getTime()) mismatches.push(`${row.source_id} occurred_at ${row.occurred_at.toISOString()}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  }
}

/** Key order does not matter for equality. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

const entriesOf = (orgIndex: number) => expectedAuditEntries(emulators.ctx, emulators.ctx.world.azureDevOps[orgIndex]!, since).size;
/** What a backfill reads now: the log still within retention (older entries stay stored). */
const retainedEntriesOf = (orgIndex: number) => expectedAuditEntries(emulators.ctx, emulators.ctx.world.azureDevOps[orgIndex]!, retentionStart(emulators.ctx)).size;

beforeAll(async () => {
  emulators = await startEmulators({ scale: "demo", seed: 7, dir: DIR, only: ["azureDevOps", "entra"] });
  const { endpoints } = emulators;
  await configureDemoConnections({ ...endpoints, world: { ...endpoints.world, githubOrgs: [], subscriptions: [] } }, DIR);
  const { prisma } = database();
  for (const [orgIndex, organization] of endpoints.world.azureDevOpsOrgs.entries()) {
    const connection = await prisma.connection.findFirstOrThrow({ where: { kind: "azure_devops_org", baseUrl: endpoints.azureDevOps, config: { path: ["organization"], equals: organization } } });
    let auth: "entra" | "pat" = "entra";
    if (orgIndex === 1) {
      // The explicit PAT fallback, re-saved over the demo's Entra setting.
      auth = "pat";
      const patFile = path.resolve(DIR, "secrets", "azure-devops-test-pat");
      const { writeFile, mkdir } = await import("node:fs/promises");
      await mkdir(path.dirname(patFile), { recursive: true });
      await writeFile(patFile, endpoints.azureDevOpsPat, { mode: 0o600 });
      await upsertConnection({ kind: "azure_devops_org", displayName: connection.displayName, baseUrl: endpoints.azureDevOps, config: { organization, auth: "pat" }, secretRef: `file:${patFile}`, createdBy: "test" });
    }
    targets.push({ orgIndex, organization, connectionId: connection.id, auth });
  }
  since = retentionStart(emulators.ctx);
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

describe("Azure DevOps audit log sync against the emulated demo world", () => {
  it("full backfill: the database equals the retained log, one request per page plus the org lookup", async () => {
    const { summaries, requests, seconds } = await syncAll("full");
    expect(summaries.map((s) => [s.source, s.stream, s.status, s.mode])).toEqual(targets.map(() => ["azure_devops", "audit-log", "succeeded", "full"]));
    await assertDatabaseEqualsEmulator();
    const entries = targets.map((t) => entriesOf(t.orgIndex));
    expect(summaries.map((s) => s.created)).toEqual(entries);
    const pages = entries.reduce((n, e) => n + Math.ceil(e / AUDIT_BATCH_SIZE), 0);
    expect(requests).toBe(pages + targets.length);
    expect(summaries.reduce((n, s) => n + s.requests, 0)).toBe(requests);
    const total = entries.reduce((a, b) => a + b, 0);
    console.info(`audit-log full backfill: ${total} entries, ${requests} requests, ${seconds.toFixed(2)} s, ${Math.round(total / seconds)} entries/s`);
  }, 180_000);

  it("repeating the backfill changes nothing", async () => {
    const { summaries } = await syncAll("full");
    expect(summaries.every((s) => s.status === "succeeded")).toBe(true);
    expect(summaries.reduce((n, s) => n + s.created + s.updated, 0)).toBe(0);
    await assertDatabaseEqualsEmulator();
  }, 180_000);

  it("incremental after new entries: exact equality again, for a few requests", async () => {
    const before = targets.map((t) => entriesOf(t.orgIndex));
    await admin("/mutate", "POST", { fraction: 0.01 });
    const added = targets.map((t, i) => entriesOf(t.orgIndex) - before[i]!);
    const { summaries, requests, seconds } = await syncAll("incremental");
    expect(summaries.map((s) => [s.status, s.mode])).toEqual(targets.map(() => ["succeeded", "incremental"]));
    // Entries re-read in the overlap are skipped; exactly the new ones are written.
    expect(summaries.map((s) => s.created)).toEqual(added);
    await assertDatabaseEqualsEmulator();
    const read = summaries.reduce((n, s) => n + s.items, 0);
    expect(requests).toBe(summaries.reduce((n, s) => n + 1 + Math.max(1, Math.ceil(s.items / AUDIT_BATCH_SIZE)), 0));
    console.info(`audit-log incremental: ${added.reduce((a, b) => a + b, 0)} new entries (${read} read incl. overlap), ${requests} requests, ${seconds.toFixed(2)} s`);
  }, 120_000);

  it("honours the consumption limit: delayed answers with Retry-After pace the next request", async () => {
    await admin("/mutate", "POST", { fraction: 0.03, stepMs: 3_600_000 });
    // Every identity is past its budget from the second request: answers are delayed, carry
    // Retry-After and the X-RateLimit-* headers, but are never blocked.
    await admin("/azureDevOps/settings", "PUT", { tstuLimit: 1, tstuPerRequest: 0.6, blockAt: 1000, maxDelayMs: 50 });
    try {
      const { summaries } = await syncAll("incremental");
      expect(summaries.map((s) => s.status)).toEqual(targets.map(() => "succeeded"));
      for (const summary of summaries) {
        // Two requests at least after the first delayed answer, each waiting its Retry-After (1 s).
        expect(summary.requests).toBeGreaterThanOrEqual(3);
        expect(summary.seconds).toBeGreaterThanOrEqual(summary.requests - 2);
      }
      const runs = await database().prisma.syncRun.findMany({ where: { source: "azure_devops", stream: "audit-log" }, orderBy: { queuedAt: "desc" }, take: targets.length });
      expect(runs.map((r) => r.rateLimitRemaining)).toEqual(targets.map(() => 0));
    } finally {
      await admin("/azureDevOps/settings", "DELETE");
    }
    await assertDatabaseEqualsEmulator();
  }, 120_000);

  faultCampaign("ends in exact equality with 429s, 5xx, resets, truncated and malformed bodies switched on", async () => {
    await admin("/mutate", "POST", { fraction: 0.02 });
    await admin("/faults/seed", "POST", { seed: 11 });
    await admin("/faults/azureDevOps", "PUT", { rateLimitRate: 0.05, serverErrorRate: 0.06, connectionResetRate: 0.05, truncatedBodyRate: 0.05, malformedBodyRate: 0.04, retryAfterSeconds: 1 });
    let injected: Record<string, number> = {};
    try {
      const { summaries } = await syncAll("full", { maxRetries: 8 });
      expect(summaries.filter((s) => s.status !== "succeeded")).toEqual([]);
      injected = (await admin<Record<string, { injected: Record<string, number> }>>("/faults", "GET")).azureDevOps!.injected;
    } finally {
      await admin("/faults", "DELETE");
    }
    for (const kind of ["rate-limit", "server-error", "reset", "truncate", "malformed"]) expect(injected[kind] ?? 0, kind).toBeGreaterThan(0);
    console.info(`audit-log faults injected: ${JSON.stringify(injected)}`);
    await assertDatabaseEqualsEmulator();
  }, 240_000);

  it("a page that keeps failing fails the stream with a clear error, and the next run resumes from its cursor", async () => {
    const target = targets[0]!;
    let pages = 0;
    const failing = await syncAll(
      "full",
      {
        maxRetries: 1,
        onProgress: () => {
          if (++pages === 2) void admin("/faults/azureDevOps", "PUT", { serverErrorRate: 1 });
        },
      },
      target.orgIndex,
    );
    await admin("/faults", "DELETE");
    expect(failing.summaries[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/50[023]/) });
    const broken = await database().prisma.syncRun.findFirstOrThrow({ where: { connectionId: target.connectionId, status: "failed" }, orderBy: { queuedAt: "desc" } });
    expect(broken.cursor).toMatchObject({ window: { start: null, end: expect.any(String) }, continuationToken: expect.stringMatching(/;/) });
    expect(broken.errorCode).toBe("fetch_failed");

    const resumed = await syncAll("full", {}, target.orgIndex);
    expect(resumed.summaries[0]!.status).toBe("succeeded");
    // It started after the committed pages, not from the first one.
    expect(resumed.summaries[0]!.items).toBe(retainedEntriesOf(target.orgIndex) - broken.itemsSeen);
    await assertDatabaseEqualsEmulator();
  }, 180_000);

  it("a killed worker's run is closed and its successor resumes from the cursor", async () => {
    const target = targets[1]!;
    let pages = 0;
    await syncAll(
      "full",
      {
        onProgress: () => {
          if (++pages === 3) throw new Error("worker killed");
        },
      },
      target.orgIndex,
    );
    // What a dead process leaves behind: a run still marked running, its cursor committed.
    const killed = await database().prisma.syncRun.findFirstOrThrow({ where: { connectionId: target.connectionId }, orderBy: { queuedAt: "desc" } });
    await database().prisma.syncRun.update({ where: { id: killed.id }, data: { status: "running", finishedAt: null, errorCode: null, error: null } });

    const resumed = await syncAll("full", {}, target.orgIndex);
    expect(resumed.summaries[0]!.status).toBe("succeeded");
    expect(resumed.summaries[0]!.items).toBe(retainedEntriesOf(target.orgIndex) - killed.itemsSeen);
    expect(await database().prisma.syncRun.findUniqueOrThrow({ where: { id: killed.id } })).toMatchObject({ status: "failed", errorCode: "worker_stopped" });
    await assertDatabaseEqualsEmulator();
  }, 180_000);
});
