// Driver adapters for the schema engine: the main database plus a throwaway shadow database
// into which the engine replays the migrations folder when it diffs.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { randomBytes } from "node:crypto";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { withDatabase } from "./url";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface PgResultLike {
  fields: { dataTypeID: number }[];
  rows: unknown[];
}
interface PgQueryableInternals {
  performIO(query: unknown): Promise<PgResultLike>;
}

/**
 * The engine's introspection reads catalog columns of PostgreSQL's internal `"char"` type
 * (OID 18, e.g. pg_constraint.contype), which adapter-pg refuses as an unsupported type while
 * the engine expects them as Character columns. Report them as such. The char columns of a
 * result are remembered by its rows array, which queryRaw passes through unchanged, so
 * concurrent queries cannot mix them up.
 */
function reportCharAsCharacter(adapter: SqlDriverAdapter): void {
  const internals = adapter as unknown as PgQueryableInternals;
  const charColumns = new WeakMap<unknown[], number[]>();
  const performIO = internals.performIO.bind(adapter);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(i);
      }
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows as unknown[]) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

/**
 * adapter-pg runs a migration script by splitting it on every ";", which cuts dollar-quoted
 * function bodies (a trigger function in a migration) in half. PostgreSQL's simple query
 * protocol takes the whole script in one message and splits it correctly itself.
 */
function executeScriptsWhole(adapter: SqlDriverAdapter, pool: pg.Pool): void {
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
}

function adapterFor(url: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return new PrismaPg(pool).connect().then((adapter) => {
    reportCharAsCharacter(adapter);
    executeScriptsWhole(adapter, pool);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await pool.end();
      await onDispose?.();
    };
    return adapter;
  });
}

/** Where the engine may create a shadow database. */
export type ShadowStrategy =
  /** CREATE DATABASE beside the main one on the same server (needs CREATEDB). */
  | { kind: "server" }
  /** A fresh in-memory embedded PostgreSQL: works with no server at all. */
  | { kind: "embedded" };

/**
 * A migration-aware adapter factory for `url`. The shadow database is created and dropped
 * here rather than by adapter-pg, whose own helper cannot change the database of a
 * connection string and which the embedded server (one database only) cannot serve.
 */
export function migrationAdapterFactory(
  url: string,
  shadow: ShadowStrategy,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => adapterFor(url),
    connectToShadowDb: async () => {
      if (shadow.kind === "embedded") {
        const server = await startEmbeddedPostgres({ dataDir: undefined });
        return adapterFor(server.url, () => server.stop());
      }
      const name = `rampart_shadow_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return adapterFor(withDatabase(url, name), async () => {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      });
    },
  };
}
