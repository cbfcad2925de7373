// The app as the end-to-end tests see it: a fresh schema in DATABASE_URL's database (or an
// in-memory embedded PostgreSQL), migrated; the emulators (tiny world) with Rampart's
// connections pointed at them and one full sync, so signed-in personas have data to see; sign-in
// through the emulated Entra ID; and a production build served on $PORT. Started and stopped by
// Playwright's webServer; the schema is dropped on the way out.
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/database/embedded-postgres";
import { migrateDatabase } from "../lib/database/migrate";
import { withSchema } from "../lib/database/url";
import { dropSchema, sweepStaleSchemas, throwawaySchemaName } from "../test/schemas";
import { GITHUB_WEBHOOK_SECRET } from "../emulators/core/credentials";
import { configureDemoConnections } from "./lib/demo-connections";
import { startEmulatorProcess } from "./lib/emulators";
import { buildIsStale } from "./lib/next-build";
import { run, start, stop } from "./lib/processes";
import { emulatedSignInEnvironment } from "./lib/sign-in-environment";
import { throwawaySecretKey } from "./lib/secret-key";

const port = Number(process.env.PORT ?? 3100);
const origin = `http://127.0.0.1:${port}`;
const next = path.resolve("node_modules/.bin/next");
const emulatorDir = path.resolve(".emulators/e2e");

let embedded: EmbeddedPostgres | undefined;
/** What has been started so far, for close(). */
const running: { app?: ChildProcess; emulators?: ChildProcess; schema?: string } = {};
let serverUrl = process.env.DATABASE_URL?.trim();

let closing: Promise<void> | undefined;
/**
 * Cleans up once, however many signals and exit events ask for it, then exits. Registered
 * before anything starts, so a stop during start-up does not leave the emulators running.
 */
async function close(code: number): Promise<never> {
  closing ??= (async () => {
    if (running.app) await stop(running.app);
    if (running.emulators) await stop(running.emulators);
    if (running.schema) {
      await dropSchema(serverUrl!, running.schema).catch(() => {});
      await dropSchema(serverUrl!, `${running.schema}_pgboss`).catch(() => {});
    }
    await embedded?.stop();
  })();
  await closing;
  process.exit(code);
}
process.on("SIGTERM", () => void close(0));
process.on("SIGINT", () => void close(0));

if (!serverUrl) {
  embedded = await startEmbeddedPostgres({ dataDir: undefined });
  serverUrl = embedded.url;
}
await sweepStaleSchemas(serverUrl, "rampart_e2e");
const schema = throwawaySchemaName("rampart_e2e");
running.schema = schema;
const url = withSchema(serverUrl, schema);
await migrateDatabase(url);

const started = await startEmulatorProcess({ scale: "tiny", dir: emulatorDir, portBase: 0 });
running.emulators = started.process;
process.env.DATABASE_URL = url;
await configureDemoConnections(started.endpoints, emulatorDir);

const env = {
  ...process.env,
  DATABASE_URL: url,
  RAMPART_DATABASE_EMBEDDED: embedded || process.env.RAMPART_DATABASE_EMBEDDED === "1" ? "1" : "0",
  DATABASE_POOL_MAX: "4",
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_EXTRA_CA_CERTS: started.endpoints.caCert,
  RAMPART_EMULATOR_ENDPOINTS: path.join(emulatorDir, "endpoints.json"),
  GITHUB_WEBHOOK_SECRET: GITHUB_WEBHOOK_SECRET,
  RAMPART_SECRET_KEY: throwawaySecretKey(),
  ...(await emulatedSignInEnvironment(started.endpoints, emulatorDir, origin)),
};
// One full sync (then scoring) so personas have repositories, findings and scorecards (a failing Azure stream must not
// stop the browser tests of what did sync, so the exit code is only reported).
await run(process.execPath, ["--import", "tsx", "scripts/sync.ts", "--all", "--full"], { env }).catch((error: unknown) => {
  console.error(`e2e: the initial sync did not fully succeed: ${error instanceof Error ? error.message : String(error)}`);
});
await run(process.execPath, ["--import", "tsx", "scripts/score.ts"], { env });
if (await buildIsStale()) await run(next, ["build"], { env: { ...env, NODE_ENV: "production" } });
const app = start(next, ["start", "--port", String(port), "--hostname", "127.0.0.1"], { env });
running.app = app;
app.once("exit", (code) => void close(code ?? 1));
