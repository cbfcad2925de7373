// npm run sync -- --connection <id> [--full]   |   npm run sync -- --all [--full]
// Syncs connections now, printing progress, and ends with one JSON line summarising every
// stream. Exits 0 only when every stream succeeded.
import { parseArgs } from "node:util";
import { database, disconnectDatabase } from "../lib/db";
import { connectorFor } from "../lib/ingest/connectors";
import type { StreamSyncSummary } from "../lib/ingest/sync-summary";
import { resolveDatabase } from "./lib/database";
import { trustEmulatorCaOrReexec } from "./lib/trust-emulator-ca";

await trustEmulatorCaOrReexec();

const { values } = parseArgs({
  options: { connection: { type: "string" }, all: { type: "boolean", default: false }, full: { type: "boolean", default: false } },
});
if (!values.all && !values.connection) {
  console.error("usage: npm run sync -- --connection <id> [--full]  |  npm run sync -- --all [--full]");
  process.exit(2);
}

const db = await resolveDatabase();
process.env.DATABASE_URL = db.url;
const summaries: StreamSyncSummary[] = [];
let ok = true;
try {
  const connections = await database().prisma.connection.findMany({
    where: values.all ? { enabled: true } : { id: values.connection },
    orderBy: { createdAt: "asc" },
  });
  if (connections.length === 0) throw new Error(values.all ? "No connections are configured." : `No connection ${values.connection}.`);
  for (const connection of connections) {
    const sync = connectorFor(connection.kind);
    if (!sync) {
      console.error(`skipping ${connection.displayName}: syncing ${connection.kind} connections is not built yet`);
      continue;
    }
    console.error(`syncing ${connection.displayName} (${values.full ? "full" : "incremental"})`);
    const result = await sync(connection.id, {
      mode: values.full ? "full" : "incremental",
      workerId: `cli-${process.pid}`,
      onProgress: (p) => process.stderr.write(`\r  ${p.scope} ${p.stream}: ${p.items} items, ${p.requests} requests      `),
    });
    process.stderr.write("\n");
    for (const s of result) {
      console.error(`  ${s.scopeKey.padEnd(28)} ${s.stream.padEnd(24)} ${s.status.padEnd(9)} ${s.mode.padEnd(11)} ${String(s.items).padStart(7)} items ${String(s.requests).padStart(6)} requests ${s.seconds.toFixed(1)} s${s.error ? `  ${s.error}` : ""}`);
      if (s.status !== "succeeded") ok = false;
    }
    summaries.push(...result);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  ok = false;
} finally {
  await disconnectDatabase();
  await db.release();
}
console.log(
  JSON.stringify({
    streams: summaries.map((s) => ({ connection: s.connectionId, source: s.source.replace("_", "-"), stream: s.stream, scope: s.scopeKey, status: s.status, items: s.items, requests: s.requests, seconds: Math.round(s.seconds * 100) / 100 })),
  }),
);
process.exit(ok ? 0 : 1);
