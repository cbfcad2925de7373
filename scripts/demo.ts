// npm run demo — Rampart on this machine with no configuration: the embedded database (unless
// DATABASE_URL is set), migrations, a production build when the sources changed, and the app
// on http://localhost:$PORT (3000). `npm run dev` does the same with `next dev`.
import path from "node:path";
import { migrateDatabase } from "../lib/database/migrate";
import { redactDatabaseUrl } from "../lib/database/url";
import { resolveDatabase } from "./lib/database";
import { buildIsStale } from "./lib/next-build";
import { postToAdmin, startEmulatorProcess } from "./lib/emulators";
import { GITHUB_WEBHOOK_SECRET } from "../emulators/core/credentials";
import { configureDemoConnections } from "./lib/demo-connections";
import { emulatedSignInEnvironment } from "./lib/sign-in-environment";
import { demoSecretKey } from "./lib/secret-key";
import { run, start, stop, waitForHttp } from "./lib/processes";

const development = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const next = path.resolve("node_modules/.bin/next");
const EMBEDDED_PORT = 54329;
const EMULATOR_PORT_BASE = 9440;
const EMULATOR_DIR = path.resolve(".emulators");

function say(message: string): void {
  console.log(`\x1b[1m[rampart]\x1b[0m ${message}`);
}

const started = Date.now();
const db = await resolveDatabase({ preferredPort: EMBEDDED_PORT });
say(db.embedded ? `embedded PostgreSQL at ${db.url} (data in .rampart/pgdata)` : `PostgreSQL at ${redactDatabaseUrl(db.url)}`);

let shuttingDown: Promise<void> | undefined;
let app: ReturnType<typeof start> | undefined;
let emulators: Awaited<ReturnType<typeof startEmulatorProcess>> | undefined;
let worker: ReturnType<typeof start> | undefined;

/** Stops the app and the embedded database once, however many signals arrive, then exits. */
async function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    say("stopping…");
    if (app) await stop(app);
    if (worker) await stop(worker);
    if (emulators) await stop(emulators.process);
    await db.release();
  })();
  await shuttingDown;
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const applied = await migrateDatabase(db.url, { log: (m) => say(m) });
  say(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");

  // The emulated GitHub, Azure, Azure DevOps and Entra ID organizations, in their own process.
  if (process.env.RAMPART_DEMO_EMULATORS !== "off") {
    emulators = await startEmulatorProcess({ scale: process.env.RAMPART_EMULATOR_SCALE ?? "demo", dir: EMULATOR_DIR, portBase: EMULATOR_PORT_BASE });
    say(`emulators up: GitHub ${emulators.endpoints.github}, ARM ${emulators.endpoints.arm}, Azure DevOps ${emulators.endpoints.azureDevOps}, Entra ID ${emulators.endpoints.entra}`);
    process.env.DATABASE_URL = db.url;
    const added = await configureDemoConnections(emulators.endpoints, EMULATOR_DIR);
    say(added ? `configured ${added} connection(s) to the emulators` : "connections to the emulators are up to date");
  }

  const appOrigin = process.env.RAMPART_ORIGIN ?? `http://localhost:${port}`;
  const childEnv = {
    ...process.env,
    // Rampart trusts the emulators' local CA exactly as it would a corporate one: no code change.
    ...(emulators
      ? {
          NODE_EXTRA_CA_CERTS: emulators.endpoints.caCert,
          RAMPART_EMULATOR_ENDPOINTS: path.join(EMULATOR_DIR, "endpoints.json"),
          GITHUB_WEBHOOK_SECRET: process.env.GITHUB_WEBHOOK_SECRET ?? GITHUB_WEBHOOK_SECRET,
          // People sign in through the emulated Entra ID tenant (a persona picker).
          ...(process.env.ENTRA_AUTHORITY ? {} : await emulatedSignInEnvironment(emulators.endpoints, EMULATOR_DIR, appOrigin)),
        }
      : {}),
    DATABASE_URL: db.url,
    RAMPART_SECRET_KEY: process.env.RAMPART_SECRET_KEY ?? (await demoSecretKey(process.env.RAMPART_DATA_DIR ?? ".rampart")),
    RAMPART_DATABASE_EMBEDDED: db.embedded ? "1" : "0",
    NEXT_TELEMETRY_DISABLED: "1",
    // PGlite serializes queries; a small pool avoids queueing connections it cannot serve.
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? (db.embedded ? "5" : "10"),
  };
  if (!development && (await buildIsStale())) {
    say("building the app (first start, or the sources changed)…");
    await run(next, ["build"], { env: { ...childEnv, NODE_ENV: "production" } });
  }
  // The job worker (syncs on a schedule) in its own process; it starts with a first sync so the
  // dashboard fills without waiting for the schedule.
  worker = start(process.execPath, ["--import", "tsx", "scripts/worker.ts", ...(emulators ? ["--sync-now"] : [])], { env: childEnv });
  worker.once("exit", (code) => {
    if (!shuttingDown) say(`the worker exited (${code}); syncs stop until the demo restarts`);
  });

  // Loopback only unless HOST says otherwise: the demo's identity provider is an emulator
  // whose persona picker lets anyone in as anyone.
  const host = process.env.HOST ?? "127.0.0.1";
  app = start(next, [development ? "dev" : "start", "--port", String(port), "--hostname", host], { env: childEnv });
  app.once("exit", (code) => {
    if (!shuttingDown) say(`the app exited (${code}); stopping`);
    void shutdown(code ?? 1);
  });
  if (await waitForHttp(`http://localhost:${port}/api/health`, 120_000)) {
    if (emulators) {
      // The emulated GitHub delivers its webhooks to the app, as a GitHub App's would be.
      const status = await postToAdmin(emulators.endpoints, "/github/webhooks", { url: `http://127.0.0.1:${port}/api/webhooks/github`, secret: childEnv.GITHUB_WEBHOOK_SECRET });
      if (status !== 201) say(`could not register the webhook target with the GitHub emulator (${status})`);
    }
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${appOrigin} and sign in (the emulated tenant offers a persona for each role)`);
  } else {
    say(`the app did not answer on http://localhost:${port}/api/health within 2 minutes`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
