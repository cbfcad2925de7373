// The Postgres-backed queue (pg-boss): no Redis, and any number of web and worker processes
// share it through the database.
import PgBoss from "pg-boss";
import { parseDatabaseUrl } from "../database/url";
import { JOBS } from "./names";

/** pg-boss keeps its tables in their own schema, next to Rampart's (per test schema, too). */
export function bossSchema(url: string): string {
  const { schema } = parseDatabaseUrl(url);
  return schema ? `${schema}_pgboss` : "pgboss";
}

/** A started pg-boss with Rampart's queues created. */
export async function startBoss(url: string, options: { schedule: boolean; max?: number }): Promise<PgBoss> {
  const { connectionString } = parseDatabaseUrl(url);
  const boss = new PgBoss({ connectionString, schema: bossSchema(url), max: options.max ?? 4, schedule: options.schedule, supervise: options.schedule, application_name: "rampart-jobs" });
  boss.on("error", (error) => console.error(JSON.stringify({ level: "error", msg: "job queue error", error: error.message })));
  await boss.start();
  // "stately": at most one queued and one running job per singleton key, so a connection's
  // sync window is never queued twice however often the schedule fires.
  await boss.createQueue(JOBS.syncConnection, { name: JOBS.syncConnection, policy: "stately", retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInHours: 6 });
  for (const name of [JOBS.scheduleIncremental, JOBS.scheduleFull]) await boss.createQueue(name, { name, policy: "singleton", retryLimit: 1 });
  // Scoring reads everything, so one queued run covers every sync that finished before it
  // starts: "stately" with one singleton key keeps at most one queued and one running.
  await boss.createQueue(JOBS.scorePosture, { name: JOBS.scorePosture, policy: "stately", retryLimit: 2, retryDelay: 60, expireInHours: 2 });
  // One pass covers everything due, so at most one queued and one running (the pass also
  // takes an advisory lock). Channel failures never fail the job; a database error retries once.
  await boss.createQueue(JOBS.notify, { name: JOBS.notify, policy: "stately", retryLimit: 1, retryDelay: 30, expireInHours: 1 });
  // One pass looks at every open linked item, so one queued run covers every sync before it.
  await boss.createQueue(JOBS.syncWorkItems, { name: JOBS.syncWorkItems, policy: "stately", retryLimit: 2, retryDelay: 60, expireInHours: 1 });
  return boss;
}
