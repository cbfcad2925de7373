// The queue end to end: a schedule firing fans out one sync job per connection, the worker
// consumes it against the GitHub emulator, and a sync already queued is not queued twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "../db";
import { startEmulators, type RunningEmulators } from "../../emulators/start";
import { configureDemoConnections } from "../../scripts/lib/demo-connections";
import { JOBS } from "./names";
import { startWorker, type Worker } from "./worker";
import { isolateInFreshSchema } from "../../test/fresh-schema";

// Its own schema: another file's emulated world would share repository ids with this one.
await isolateInFreshSchema();

let emulators: RunningEmulators;
let worker: Worker;
let connectionId = "";
const dir = process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test";

beforeAll(async () => {
  emulators = await startEmulators({ scale: "tiny", seed: 3, dir, only: ["github"] });
  await configureDemoConnections({ ...emulators.endpoints, world: { ...emulators.endpoints.world, subscriptions: [], azureDevOpsOrgs: [] } }, dir);
  connectionId = (await database().prisma.connection.findFirstOrThrow({ where: { kind: "github_app", baseUrl: emulators.endpoints.github } })).id;
  worker = await startWorker({ schedule: false, concurrency: 1 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await emulators?.close();
});

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe("sync jobs", () => {
  it("a schedule firing syncs every enabled connection through the queue", async () => {
    await worker.boss.send(JOBS.scheduleIncremental, { mode: "incremental" });
    const runs = await waitFor(async () => {
      const finished = await database().prisma.syncRun.findMany({ where: { connectionId, status: "succeeded" } });
      return finished.length >= 8 ? finished : undefined; // 2 orgs × (inventory + 3 alert streams)
    }, 90_000);
    expect(new Set(runs.map((r) => `${r.scopeKey}/${r.stream}`)).size).toBe(8);
    expect(await database().prisma.finding.count({ where: { connectionId } })).toBe(emulators.ctx.world.totalAlerts());
  }, 120_000);

  it("does not queue a connection's sync twice while one is waiting", async () => {
    await worker.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    const { startBoss } = await import("./boss");
    const boss = await startBoss(process.env.DATABASE_URL!, { schedule: false });
    try {
      const first = await boss.send(JOBS.syncConnection, { connectionId, mode: "full" }, { singletonKey: `${connectionId}:full` });
      const second = await boss.send(JOBS.syncConnection, { connectionId, mode: "full" }, { singletonKey: `${connectionId}:full` });
      expect(first).not.toBeNull();
      expect(second).toBeNull();
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 60_000);
});
