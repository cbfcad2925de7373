// npm test — the whole suite, in the order that fails fastest: lint, typecheck, unit and
// integration tests (vitest) against PostgreSQL, then end-to-end tests in Chromium.
// DATABASE_URL names the server to use; without it an in-memory embedded PostgreSQL is
// started here and shared with every step (this process only waits, so it can host it).
import { mkdir, readFile } from "node:fs/promises";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/database/embedded-postgres";
import { redactDatabaseUrl } from "../lib/database/url";
import { run } from "./lib/processes";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
const timings: [string, number][] = [];
const bin = (name: string) => `node_modules/.bin/${name}`;

async function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  console.log(`\n\x1b[1m▶ ${name}\x1b[0m`);
  const started = Date.now();
  try {
    await run(command, args, { env });
  } finally {
    timings.push([name, (Date.now() - started) / 1000]);
  }
}

async function addVitestCounts(file: string): Promise<void> {
  const report = JSON.parse(await readFile(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  counts.passed += report.numPassedTests;
  // A file that failed before running any test (an import error) counts as one failure.
  const brokenFiles = report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  counts.failed += report.numFailedTests + brokenFiles;
  counts.skipped += report.numPendingTests + report.numTodoTests;
}

async function addPlaywrightCounts(file: string): Promise<void> {
  const report = JSON.parse(await readFile(file, "utf8")) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
  counts.passed += report.stats.expected + report.stats.flaky;
  counts.failed += report.stats.unexpected;
  counts.skipped += report.stats.skipped;
}

let embedded: EmbeddedPostgres | undefined;
let exitCode = 0;
try {
  await mkdir("test-results", { recursive: true });
  await step("prisma generate", bin("prisma"), ["generate"]);
  await step("lint", bin("eslint"), [".", "--max-warnings", "0"]);
  await step("typecheck", bin("tsc"), ["--noEmit"]);

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!env.DATABASE_URL?.trim()) {
    embedded = await startEmbeddedPostgres({ dataDir: undefined });
    env.DATABASE_URL = embedded.url;
    env.RAMPART_DATABASE_EMBEDDED = "1";
    console.log(`\nDATABASE_URL is not set: using an in-memory embedded PostgreSQL at ${embedded.url}`);
  } else {
    console.log(`\nusing PostgreSQL at ${redactDatabaseUrl(env.DATABASE_URL)}`);
  }

  try {
    await step("unit + integration (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"], env);
  } finally {
    await addVitestCounts("test-results/vitest.json").catch(() => {});
  }
  try {
    await step("end-to-end (playwright, chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json",
    });
  } finally {
    await addPlaywrightCounts("test-results/playwright.json").catch(() => {});
  }
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  console.error(`step failed: ${timings.at(-1)?.[0] ?? "setup"}`);
  exitCode = 1;
} finally {
  await embedded?.stop();
}

console.log("\nstep timings:");
for (const [name, seconds] of timings) console.log(`  ${name.padEnd(36)} ${seconds.toFixed(1)} s`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
if (exitCode === 0 && counts.failed > 0) exitCode = 1;
process.exit(exitCode);
