import pg from "pg";
import { parseDatabaseUrl } from "./url";

export interface PoolOptions {
  /** Upper bound on connections; keep at or below the embedded server's maxConnections. */
  max?: number;
  applicationName?: string;
}

/**
 * A pg pool for a Rampart database URL. When the URL names a schema, every new connection
 * sets search_path to it before the pool hands it out (pg-pool awaits onConnect), so raw SQL
 * and Prisma see the same tables.
 */
export function createPool(url: string, options: PoolOptions = {}): { pool: pg.Pool; schema: string | undefined } {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "rampart",
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    onConnect: schema
      ? async (client) => {
          await client.query(`SET search_path TO "${schema}", public`);
        }
      : undefined,
  });
  // An idle client's socket error (database restart) must not crash the process; the pool
  // drops that client and the next checkout reconnects.
  pool.on("error", (err) => {
    console.error(JSON.stringify({ level: "warn", msg: "database pool client error", error: err.message }));
  });
  return { pool, schema };
}
