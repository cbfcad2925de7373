// The migrator against a real PostgreSQL: Prisma's ledger, checksums, one-batch files,
// failures recorded and blocking, and the advisory lock.
import { mkdtemp, mkdir, writeFile, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateDatabase, migrationStatus, migrationChecksum, MigrationError, DEFAULT_MIGRATIONS_DIR } from "./migrate";
import { parseDatabaseUrl, withSchema } from "./url";
import { dropSchema, throwawaySchemaName } from "../../test/schemas";

const serverUrl = inject("serverUrl");
const created: string[] = [];

function freshSchemaUrl(): string {
  const schema = throwawaySchemaName("rampart_test");
  created.push(schema);
  return withSchema(serverUrl, schema);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (schema) await client.query(`SET search_path TO "${schema}"`);
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "rampart-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

afterAll(async () => {
  for (const schema of created) await dropSchema(serverUrl, schema);
});

describe("migrateDatabase", () => {
  it("applies the repository's migrations once and records them the way Prisma does", async () => {
    const url = freshSchemaUrl();
    const names = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

    expect(await migrateDatabase(url)).toEqual(names);
    expect(await migrateDatabase(url)).toEqual([]);

    const ledger = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; logs: string | null }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(ledger.map((r) => r.migration_name)).toEqual(names);
    for (const row of ledger) {
      const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(migrationChecksum(sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = '_prisma_migrations' AND table_schema = current_schema() ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count",
    ]);
    const status = await migrationStatus(url);
    expect(status).toEqual({ applied: names, pending: [], failed: [], modified: [] });
  });

  it("rolls a failing file back whole, records it as failed, and refuses to go on until it is resolved", async () => {
    const url = freshSchemaUrl();
    const dir = await migrationsDir({
      "20260101000000_first": `CREATE TABLE "kept" (id int);`,
      "20260102000000_broken": `CREATE TABLE "half_done" (id int);\nINSERT INTO "kept" VALUES (1);\nSELECT * FROM "no_such_table";`,
      "20260103000000_after": `CREATE TABLE "later" (id int);`,
    });

    const failure = await migrateDatabase(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migrationName).toBe("20260102000000_broken");

    const tables = await query<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["_prisma_migrations", "kept"]);
    expect(await query(url, `SELECT * FROM "kept"`)).toEqual([]);

    const [broken] = await query<{ finished_at: Date | null; logs: string | null }>(
      url,
      `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '20260102000000_broken'`,
    );
    expect(broken?.finished_at).toBeNull();
    expect(broken?.logs).toMatch(/no_such_table/);

    const status = await migrationStatus(url, { migrationsDir: dir });
    expect(status.failed).toEqual(["20260102000000_broken"]);
    expect(status.pending).toEqual(["20260102000000_broken", "20260103000000_after"]);
    await expect(migrateDatabase(url, { migrationsDir: dir })).rejects.toThrow(/failed earlier/);

    // Resolved the way `prisma migrate resolve --rolled-back` does: the next run retries it.
    await writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), `CREATE TABLE "half_done" (id int);`);
    await query(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`);
    expect(await migrateDatabase(url, { migrationsDir: dir })).toEqual(["20260102000000_broken", "20260103000000_after"]);
  });

  it("reports a migration edited after it was applied", async () => {
    const url = freshSchemaUrl();
    const dir = await migrationsDir({ "20260101000000_first": `CREATE TABLE "t" (id int);` });
    await migrateDatabase(url, { migrationsDir: dir });
    await writeFile(path.join(dir, "20260101000000_first", "migration.sql"), `CREATE TABLE "t" (id bigint);`);
    const warnings: string[] = [];
    await migrateDatabase(url, { migrationsDir: dir, log: (m) => warnings.push(m) });
    expect((await migrationStatus(url, { migrationsDir: dir })).modified).toEqual(["20260101000000_first"]);
    expect(warnings.join("\n")).toMatch(/20260101000000_first was edited/);
  });

  // PGlite is a single PostgreSQL session behind its socket, so advisory locks cannot exclude
  // anything there; the embedded database is migrated only by the process that hosts it.
  it.skipIf(inject("embedded"))("lets concurrent migrators apply each file exactly once (Prisma's advisory lock)", async () => {
    const url = freshSchemaUrl();
    const dir = await migrationsDir({
      "20260101000000_a": `CREATE TABLE "a" (id int); SELECT pg_sleep(0.3);`,
      "20260102000000_b": `CREATE TABLE "b" (id int);`,
    });
    const results = await Promise.all([1, 2, 3].map(() => migrateDatabase(url, { migrationsDir: dir })));
    expect(results.flat().sort()).toEqual(["20260101000000_a", "20260102000000_b"]);
    const ledger = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(ledger[0]?.n)).toBe(2);
  });
});
