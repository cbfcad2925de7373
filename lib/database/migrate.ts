// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native
// engine: same ledger table and columns, same checksums, same advisory lock, each file sent
// as one batch (PostgreSQL runs a multi-statement simple query as one implicit transaction,
// so a failing file leaves nothing behind) and a failed file recorded as failed.
import { createHash, randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { Umzug, type UmzugStorage } from "umzug";
import { parseDatabaseUrl } from "./url";

/** The advisory lock key Prisma Migrate takes; holding it keeps Prisma and Rampart apart. */
export const PRISMA_MIGRATE_ADVISORY_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface LedgerRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Started but never finished and not marked rolled back: blocks further migrations. */
  failed: string[];
  /** Applied migrations whose file changed since: the history no longer matches the folder. */
  modified: string[];
}

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (message: string) => void;
}

/** sha256 of the file's bytes, hex: what Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: migrationChecksum(sql) };
    }),
  );
}

async function connect(url: string, options: { lock: boolean }): Promise<pg.Client> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString, application_name: "rampart-migrate" });
  await client.connect();
  // Taken before the schema is created: concurrent CREATE SCHEMA IF NOT EXISTS can collide.
  if (options.lock) await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK]);
  if (schema) {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}", public`);
  }
  return client;
}

async function readLedger(client: pg.Client): Promise<LedgerRow[]> {
  const { rows } = await client.query<LedgerRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

function summarize(files: MigrationFile[], ledger: LedgerRow[]): MigrationStatus {
  const live = ledger.filter((r) => r.rolled_back_at === null);
  const applied = live.filter((r) => r.finished_at !== null);
  const appliedNames = new Set(applied.map((r) => r.migration_name));
  const byName = new Map(files.map((f) => [f.name, f]));
  return {
    applied: [...appliedNames],
    pending: files.filter((f) => !appliedNames.has(f.name)).map((f) => f.name),
    failed: live.filter((r) => r.finished_at === null).map((r) => r.migration_name),
    modified: applied
      .filter((r) => byName.has(r.migration_name) && byName.get(r.migration_name)!.checksum !== r.checksum)
      .map((r) => r.migration_name),
  };
}

/** What is applied, pending, failed or modified, without changing anything. */
export async function migrationStatus(url: string, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const files = await readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = await connect(url, { lock: false });
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
    );
    const ledger = rows[0]?.exists ? await readLedger(client) : [];
    return summarize(files, ledger);
  } finally {
    await client.end();
  }
}

/**
 * Applies every pending migration in order under Prisma's advisory lock and returns the names
 * applied. Refuses to run while an earlier migration is recorded as failed, as Prisma does
 * (P3009): someone has to look at it first.
 */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const files = await readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = await connect(url, { lock: true });
  try {
    await client.query(LEDGER_DDL);
    const status = summarize(files, await readLedger(client));
    if (status.failed.length > 0) {
      throw new MigrationError(
        `Migration ${status.failed[0]} failed earlier and blocks the rest. Fix the database, then mark it ` +
          `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '…').`,
        status.failed[0],
      );
    }
    for (const name of status.modified) log(`warning: applied migration ${name} was edited after it ran`);

    const storage: UmzugStorage = {
      executed: async () => summarize(files, await readLedger(client)).applied,
      // Each migration records its own ledger row (see up()), so it can record failure too.
      logMigration: async () => {},
      unlogMigration: async () => {
        throw new MigrationError("Rampart migrations only go forward");
      },
    };
    const umzug = new Umzug({
      migrations: files.map((file) => ({
        name: file.name,
        up: () => applyOne(client, file),
      })),
      storage,
      logger: undefined,
    });
    umzug.on("migrating", ({ name }) => log(`applying ${name}`));
    try {
      const applied = await umzug.up();
      return applied.map((m) => m.name);
    } catch (error) {
      // umzug wraps what a migration threw; callers want ours.
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof MigrationError ? cause : error;
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, file.checksum, file.name],
  );
  try {
    // One simple-protocol message: PostgreSQL wraps it in one implicit transaction.
    await client.query(file.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${message}`, file.name);
  }
  await client.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}
