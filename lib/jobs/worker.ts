// The worker: consumes sync jobs and, when asked, owns the schedules (incremental every N
// minutes, full nightly). Any number of workers may run; the queue hands each job to one.
import type PgBoss from "pg-boss";
import { hostname } from "node:os";
import { env } from "../env";
import { log } from "../http/log";
import { startBoss } from "./boss";
import { handleScheduleSyncs } from "./handlers/schedule-syncs";
import { handleSyncConnection } from "./handlers/sync-connection";
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
    await boss.work(JOBS.syncConnection, { pollingIntervalSeconds: 2 }, async ([job]) => (job ? handleSyncConnection(job.data, workerId) : undefined));
  }
  for (const name of [JOBS.scheduleIncremental, JOBS.scheduleFull]) {
    await boss.work(name, { pollingIntervalSeconds: 2 }, async ([job]) => (job ? handleScheduleSyncs(boss, job.data) : undefined));
  }
  if (options.schedule) {
    await boss.schedule(JOBS.scheduleIncremental, `*/${env().RAMPART_SYNC_INTERVAL_MINUTES} * * * *`, { mode: "incremental" });
    await boss.schedule(JOBS.scheduleFull, env().RAMPART_FULL_SYNC_CRON, { mode: "full" });
  }
  log("info", "worker started", { workerId, concurrency, schedules: options.schedule });
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
