// The worker: consumes sync, scoring and notify jobs and, when asked, owns the schedules (incremental
// every N minutes, full nightly, scoring nightly, notify every minute). Any number of workers may run; the queue hands each job to one.
import type PgBoss from "pg-boss";
import { hostname } from "node:os";
import { env } from "../env";
import { log } from "../http/log";
import { startBoss } from "./boss";
import { handleNotify } from "./handlers/notify";
import { handleScheduleSyncs } from "./handlers/schedule-syncs";
import { handleScorePosture } from "./handlers/score-posture";
import { handleSyncConnection } from "./handlers/sync-connection";
import { handleSyncWorkItems } from "./handlers/sync-work-items";
import { JOBS } from "./names";

export interface Worker {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorker(options: { schedule: boolean; concurrency?: number }): Promise<Worker> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = await startBoss(url, { schedule: options.schedule });
  const workerId = `${hostname()}:${process.pid}`;
  const concurrency = options.concurrency ?? 2;
  for (let i = 0; i < concurrency; i++) {
    await boss.work(JOBS.syncConnection, { pollingIntervalSeconds: 2 }, async ([job]) => (job ? handleSyncConnection(job.data, workerId, boss) : undefined));
  }
  for (const name of [JOBS.scheduleIncremental, JOBS.scheduleFull]) {
    await boss.work(name, { pollingIntervalSeconds: 2 }, async ([job]) => (job ? handleScheduleSyncs(boss, job.data) : undefined));
  }
  await boss.work(JOBS.scorePosture, { pollingIntervalSeconds: 5 }, async ([job]) => {
    if (!job) return undefined;
    const scored = await handleScorePosture(job.data);
    // Fresh control results and rollups may have tripped a rule: notify now, not at the next minute.
    await boss.send(JOBS.notify, { reason: "scoring" }, { singletonKey: "notify" }).catch((error: Error) => log("warn", "could not queue notify after scoring", { error: error.message }));
    return scored;
  });
  await boss.work(JOBS.notify, { pollingIntervalSeconds: 5 }, async ([job]) => (job ? handleNotify(job.data) : undefined));
  await boss.work(JOBS.syncWorkItems, { pollingIntervalSeconds: 5 }, async ([job]) => (job ? handleSyncWorkItems(job.data) : undefined));
  if (options.schedule) {
    await boss.schedule(JOBS.scheduleIncremental, `*/${env().RAMPART_SYNC_INTERVAL_MINUTES} * * * *`, { mode: "incremental" });
    await boss.schedule(JOBS.scheduleFull, env().RAMPART_FULL_SYNC_CRON, { mode: "full" });
    // Nightly, shortly after midnight UTC, so every day gets its snapshot even without syncs.
    await boss.schedule(JOBS.scorePosture, "15 0 * * *", { reason: "nightly" }, { singletonKey: "score-posture" });
    // Every minute: real-time alerts, retries with backoff, quiet hours ending, daily digests.
    await boss.schedule(JOBS.notify, "* * * * *", { reason: "schedule" }, { singletonKey: "notify" });
  }
  log("info", "worker started", { workerId, concurrency, schedules: options.schedule });
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
