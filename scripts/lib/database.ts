// Resolves the database a command-line entry point should use: DATABASE_URL when set,
// otherwise the embedded PostgreSQL kept in <RAMPART_DATA_DIR>/pgdata. Only one process may
// open that directory, so the process hosting it records its URL in embedded.json and other
// commands (db:migrate while the demo runs) connect to it instead of opening the files.
import { readFile, writeFile, rm, mkdir } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/database/embedded-postgres";

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

interface EmbeddedRecord {
  url: string;
  pid: number;
}

function dataDir(): string {
  return path.resolve(process.env.RAMPART_DATA_DIR ?? ".rampart");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function runningEmbedded(recordPath: string): Promise<EmbeddedRecord | null> {
  const raw = await readFile(recordPath, "utf8").catch(() => null);
  if (!raw) return null;
  try {
    const record = JSON.parse(raw) as EmbeddedRecord;
    return alive(record.pid) && record.pid !== process.pid ? record : null;
  } catch {
    return null;
  }
}

/**
 * DATABASE_URL if set; else the already-running embedded server; else start one here.
 * `preferredPort` keeps the demo's URL stable across restarts when the port is free.
 */
export async function resolveDatabase(options: { preferredPort?: number } = {}): Promise<ResolvedDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) return { url: configured, embedded: false, release: async () => {} };

  const dir = dataDir();
  const recordPath = path.join(dir, "embedded.json");
  const running = await runningEmbedded(recordPath);
  if (running) return { url: running.url, embedded: true, release: async () => {} };

  await mkdir(dir, { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pgdata"), port: options.preferredPort }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" && options.preferredPort) {
        return startEmbeddedPostgres({ dataDir: path.join(dir, "pgdata") });
      }
      throw error;
    },
  );
  await writeFile(recordPath, JSON.stringify({ url: server.url, pid: process.pid } satisfies EmbeddedRecord));
  return {
    url: server.url,
    embedded: true,
    async release() {
      await server.stop();
      await rm(recordPath, { force: true });
    },
  };
}
