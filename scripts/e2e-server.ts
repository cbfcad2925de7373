// The app as the end-to-end tests see it: a fresh schema in DATABASE_URL's database (or an
// in-memory embedded PostgreSQL), migrated, and a production build served on $PORT. Started
// and stopped by Playwright's webServer; the schema is dropped on the way out.
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/database/embedded-postgres";
import { migrateDatabase } from "../lib/database/migrate";
import { withSchema } from "../lib/database/url";
import { dropSchema, sweepStaleSchemas, throwawaySchemaName } from "../test/schemas";
import { buildIsStale } from "./lib/next-build";
import { run, start, stop } from "./lib/processes";

const port = Number(process.env.PORT ?? 3100);
const next = path.resolve("node_modules/.bin/next");

let embedded: EmbeddedPostgres | undefined;
let serverUrl = process.env.DATABASE_URL?.trim();
if (!serverUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: undefined });
  serverUrl = embedded.url;
}
await sweepStaleSchemas(serverUrl, "rampart_e2e");
const schema = throwawaySchemaName("rampart_e2e");
const url = withSchema(serverUrl, schema);
await migrateDatabase(url);

const env = {
  ...process.env,
  DATABASE_URL: url,
  RAMPART_DATABASE_EMBEDDED: embedded || process.env.RAMPART_DATABASE_EMBEDDED === "1" ? "1" : "0",
  DATABASE_POOL_MAX: "4",
  NEXT_TELEMETRY_DISABLED: "1",
};
if (await buildIsStale()) await run(next, ["build"], { env: { ...env, NODE_ENV: "production" } });
const app = start(next, ["start", "--port", String(port), "--hostname", "127.0.0.1"], { env });

let closing: Promise<void> | undefined;
/** Cleans up once, however many signals and exit events ask for it, then exits. */
async function close(code: number): Promise<never> {
  closing ??= (async () => {
    await stop(app);
    await dropSchema(serverUrl!, schema).catch(() => {});
    await embedded?.stop();
  })();
  await closing;
  process.exit(code);
}
app.once("exit", (code) => void close(code ?? 1));
process.on("SIGTERM", () => void close(0));
process.on("SIGINT", () => void close(0));
