// npm run score — evaluates every repository's controls now, writes the day's snapshots and
// expires lapsed risk acceptances (what the worker's score-posture job does after each sync and
// nightly). Prints the summary as JSON.
import { disconnectDatabase } from "../lib/db";
import { scorePosture } from "../lib/scoring/score-posture";
import { resolveDatabase } from "./lib/database";

const db = await resolveDatabase();
process.env.DATABASE_URL = db.url;
let code = 0;
try {
  console.log(JSON.stringify(await scorePosture()));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await disconnectDatabase();
  await db.release();
}
process.exit(code);
