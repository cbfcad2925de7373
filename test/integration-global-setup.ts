// Gives the integration run its own schema in DATABASE_URL's database (or in an in-memory
// embedded PostgreSQL when DATABASE_URL is unset), migrated with Rampart's own migrator, and
// removes it afterwards.
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/database/embedded-postgres";
import { migrateDatabase } from "../lib/database/migrate";
import { withSchema } from "../lib/database/url";
import { dropSchema, sweepStaleSchemas, throwawaySchemaName } from "./schemas";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The server URL without a schema, for tests that make schemas of their own. */
    serverUrl: string;
    embedded: boolean;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: undefined });
    serverUrl = embedded.url;
  }
  const isEmbedded = embedded !== undefined || process.env.RAMPART_DATABASE_EMBEDDED === "1";
  await sweepStaleSchemas(serverUrl, "rampart_test");
  const schema = throwawaySchemaName("rampart_test");
  const databaseUrl = withSchema(serverUrl, schema);
  await migrateDatabase(databaseUrl);

  project.provide("databaseUrl", databaseUrl);
  project.provide("serverUrl", serverUrl);
  project.provide("embedded", isEmbedded);

  return async () => {
    await dropSchema(serverUrl, schema);
    await dropSchema(serverUrl, `${schema}_pgboss`);
    await embedded?.stop();
  };
}
