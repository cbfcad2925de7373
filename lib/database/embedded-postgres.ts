// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port
// so Rampart reaches it through the same pg/Prisma code path as a real server.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { createServer } from "node:net";
import { mkdir } from "node:fs/promises";
import { keepProtocolSequencesTogether } from "./pglite-protocol-queue";

export interface EmbeddedPostgresOptions {
  /** Directory that keeps the data across restarts; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** Loopback port; 0 or undefined picks a free one. */
  port?: number;
  /** PGlite serializes queries; connections only queue there, but every process holds a pool
   *  and sync workers hold one more per stream lock, so allow plenty. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The most connections a pool may open against the embedded server. */
export const EMBEDDED_MAX_CONNECTIONS = 24;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts an embedded PostgreSQL. It runs inside this process and shares its event loop: the
 * host must never block (no execFileSync of anything that connects back to it).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? "memory://");
  const port = options.port || (await freePort());
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port,
    maxConnections: options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS,
  });
  keepProtocolSequencesTogether(server);
  await server.start();
  return {
    // PGlite has one database and ignores the name; "postgres" keeps tools happy.
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
