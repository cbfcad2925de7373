// For integration test files that need a database of their own (e.g. two emulated worlds whose
// ids would collide in one schema): a new schema, migrated, used by lib/db for this file only,
// and dropped afterwards. Call at the top level of the test file, before anything uses lib/db.
import { afterAll, inject } from "vitest";
import { migrateDatabase } from "../lib/database/migrate";
import { withSchema } from "../lib/database/url";
import { disconnectDatabase } from "../lib/db";
import { dropSchema, throwawaySchemaName } from "./schemas";

export async function isolateInFreshSchema(): Promise<string> {
  const serverUrl = inject("serverUrl");
  const schema = throwawaySchemaName("rampart_test");
  const url = withSchema(serverUrl, schema);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    await disconnectDatabase();
    await dropSchema(serverUrl, schema);
    await dropSchema(serverUrl, `${schema}_pgboss`);
  });
  return url;
}
