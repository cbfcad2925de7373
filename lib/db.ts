// The one Prisma client. Only lib/data and lib/ingest import it.
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { createPool } from "./database/pool";
import { env } from "./env";

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super(
      "DATABASE_URL is not set. Start Rampart with `npm run demo` (embedded database) or set DATABASE_URL to a PostgreSQL server.",
    );
    this.name = "DatabaseNotConfiguredError";
  }
}

interface Database {
  prisma: PrismaClient;
  /** For set-based SQL (bulk upserts) that Prisma cannot express. Same connections' settings. */
  pool: pg.Pool;
  /**
   * Connections that hold session-level advisory locks for as long as a sync stream runs. Kept
   * apart so held locks can never starve the work they protect of connections.
   */
  lockPool: pg.Pool;
}

// Kept on globalThis so Next.js dev reloads reuse one pool instead of leaking connections.
const globalForDb = globalThis as unknown as { rampartDb?: Database };

function connect(): Database {
  const url = env().DATABASE_URL;
  if (!url) throw new DatabaseNotConfiguredError();
  const { pool, schema } = createPool(url, { max: env().DATABASE_POOL_MAX });
  const { pool: lockPool } = createPool(url, { max: env().DATABASE_LOCK_POOL_MAX, applicationName: "rampart-locks" });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  return { prisma, pool, lockPool };
}

/** The process-wide database handle, created on first use. */
export function database(): Database {
  globalForDb.rampartDb ??= connect();
  return globalForDb.rampartDb;
}

/**
 * Runs `fn` in one transaction on a pooled connection: committed when it returns, rolled back
 * (and the error rethrown) when it throws, the connection released either way.
 */
export async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await database().pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Closes the pool (scripts and tests). */
export async function disconnectDatabase(): Promise<void> {
  const db = globalForDb.rampartDb;
  globalForDb.rampartDb = undefined;
  if (db) {
    await db.prisma.$disconnect();
    await db.pool.end().catch(() => {});
    await db.lockPool.end().catch(() => {});
  }
}
