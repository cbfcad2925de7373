// Throwaway schemas for test runs. Names carry their creation time so a run that was killed
// before it could clean up is swept by a later one instead of piling up on a shared server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseDatabaseUrl } from "../lib/database/url";

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** A new schema name: <prefix>_<unix seconds>_<random>. */
export function throwawaySchemaName(prefix: string): string {
  return `${prefix}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
}

async function withClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: parseDatabaseUrl(serverUrl).connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops one schema and everything in it. */
export function dropSchema(serverUrl: string, schema: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replaceAll('"', "")}" CASCADE`);
  });
}

/** Drops schemas with this prefix whose embedded creation time is older than six hours. */
export function sweepStaleSchemas(serverUrl: string, prefix: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`,
      [`${prefix}\\_%`],
    );
    const cutoff = Date.now() - STALE_AFTER_MS;
    for (const { nspname } of rows) {
      const created = Number(nspname.slice(prefix.length + 1).split("_")[0]) * 1000;
      if (Number.isFinite(created) && created < cutoff) {
        await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      }
    }
  });
}
