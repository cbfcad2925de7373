// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { migrateDatabase } from "../lib/database/migrate";
import { redactDatabaseUrl } from "../lib/database/url";
import { resolveDatabase } from "./lib/database";

const db = await resolveDatabase();
try {
  console.log(`migrating ${db.embedded ? "the embedded database" : redactDatabaseUrl(db.url)}`);
  const applied = await migrateDatabase(db.url, { log: (m) => console.log(`  ${m}`) });
  console.log(applied.length === 0 ? "already up to date" : `applied ${applied.length} migration(s)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.release();
}
