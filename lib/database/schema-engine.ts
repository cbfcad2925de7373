// Prisma's schema engine, compiled to WebAssembly, driven directly. The native engine the
// Prisma CLI downloads is not available everywhere Rampart is built, and `prisma dev` needs
// Node 22; the WASM build computes the same diffs through a driver adapter we hand it.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type {
  SchemaEngine,
  MigrationList,
  DiffTarget,
} from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

let bindings: Promise<typeof import("@prisma/schema-engine-wasm")> | undefined;

/**
 * Loads the engine's wasm-bindgen glue and instantiates the module by hand: the package's
 * entry point imports the .wasm file as an ES module, which Node 20 cannot do.
 */
async function loadBindings(): Promise<typeof import("@prisma/schema-engine-wasm")> {
  bindings ??= (async () => {
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    (glue as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return glue as unknown as typeof import("@prisma/schema-engine-wasm");
  })();
  return bindings;
}

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

/** Reads the migrations folder in the shape the engine expects (Prisma CLI's own layout). */
export async function readMigrationList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(baseDir, dir, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (ok) => ({ tag: "ok" as const, value: ok }),
          (err: Error) => ({ tag: "error" as const, value: err.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** The schema file as a diff target. */
export async function schemaTarget(schemaPath = SCHEMA_PATH): Promise<DiffTarget> {
  return {
    tag: "schemaDatamodel",
    files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }],
  };
}

/**
 * Computes the SQL that takes `from` to `to`. Diffing from the migrations folder replays the
 * migrations into a shadow database obtained from `adapterFactory.connectToShadowDb()`.
 */
export async function diffSchemas(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  from: DiffTarget,
  to: DiffTarget,
): Promise<string> {
  const engine = await openEngine(adapterFactory);
  try {
    const result = await engine.diff({
      from,
      to,
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result as { stdout?: string }).stdout ?? "";
  } finally {
    engine.free();
  }
}

async function openEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  const log = (message: string) => {
    if (process.env.RAMPART_DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  return SchemaEngine.new(
    { datamodels: undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
