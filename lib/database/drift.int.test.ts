// prisma/migrations and prisma/schema.prisma must describe the same database. Prisma's own
// schema engine (WASM) replays the migrations into a shadow database and diffs the result
// against the schema; any difference — a column on one side only — fails here.
import { cp, mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { diffSchemas, readMigrationList, schemaTarget, MIGRATIONS_DIR, SCHEMA_PATH } from "./schema-engine";
import { migrationAdapterFactory } from "./migration-adapter";

const factory = migrationAdapterFactory(inject("serverUrl"), { kind: inject("embedded") ? "embedded" : "server" });

async function drift(migrationsDir: string, schemaPath: string): Promise<string> {
  const sql = await diffSchemas(factory, { tag: "migrations", ...(await readMigrationList(migrationsDir)) }, await schemaTarget(schemaPath));
  return sql.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
}

async function scratchCopy(): Promise<{ migrations: string; schema: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "rampart-drift-"));
  const migrations = path.join(dir, "migrations");
  const schema = path.join(dir, "schema.prisma");
  await cp(MIGRATIONS_DIR, migrations, { recursive: true });
  await writeFile(schema, await readFile(SCHEMA_PATH, "utf8"));
  return { migrations, schema };
}

describe("migrations ↔ schema.prisma", () => {
  it("agree exactly", async () => {
    expect(await drift(MIGRATIONS_DIR, SCHEMA_PATH)).toBe("");
  });

  it("disagree when a column is added to the schema only", async () => {
    const copy = await scratchCopy();
    const schema = await readFile(copy.schema, "utf8");
    await writeFile(copy.schema, schema.replace("  assignee        String?\n", "  assignee        String?\n  driftProbe      Int?\n"));
    expect(await drift(copy.migrations, copy.schema)).toMatch(/ALTER TABLE "finding" ADD COLUMN\s+"driftProbe" INTEGER/);
  });

  it("disagree when a column is added by a migration only", async () => {
    const copy = await scratchCopy();
    await mkdir(path.join(copy.migrations, "29991231000000_probe"));
    await writeFile(path.join(copy.migrations, "29991231000000_probe", "migration.sql"), `ALTER TABLE "finding" ADD COLUMN "drift_probe" INTEGER;`);
    expect(await drift(copy.migrations, copy.schema)).toMatch(/DROP COLUMN "drift_probe"/);
  });
});
