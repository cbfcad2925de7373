// npm run worker — consumes sync jobs and runs the schedules (incremental every
// RAMPART_SYNC_INTERVAL_MINUTES, full at RAMPART_FULL_SYNC_CRON). Start as many as you like.
import { parseArgs } from "node:util";
import { disconnectDatabase } from "../lib/db";
import { startWorker } from "../lib/jobs/worker";
import { JOBS } from "../lib/jobs/names";
import { resolveDatabase } from "./lib/database";
import { trustEmulatorCaOrReexec } from "./lib/trust-emulator-ca";

await trustEmulatorCaOrReexec();
const { values } = parseArgs({ options: { "no-schedule": { type: "boolean", default: false }, "sync-now": { type: "boolean", default: false } } });
const db = await resolveDatabase();
process.env.DATABASE_URL = db.url;
const worker = await startWorker({ schedule: !values["no-schedule"] });
// The demo asks for a first sync at start so the dashboard fills without waiting for the schedule.
if (values["sync-now"]) await worker.boss.send(JOBS.scheduleIncremental, { mode: "incremental" });

let stopping: Promise<void> | undefined;
const stop = () => {
  stopping ??= (async () => {
    await worker.stop();
    await disconnectDatabase();
    await db.release();
    process.exit(0);
  })();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
