// Two tiers: unit tests (pure logic, beside the code, *.test.ts) and integration tests
// (*.int.test.ts) against a real PostgreSQL: DATABASE_URL's server, or the embedded one.
// Each integration run gets a fresh schema, migrated, and dropped at the end.
import { defineConfig } from "vitest/config";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };

// The API owners' published specs live beside the repository in ../shared/fixtures (CI and the
// team's machines have them). Where they are missing, the tests that validate against them are
// left out with a notice rather than failing on a missing file.
const fixturesDir = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? path.join(import.meta.dirname, "../shared/fixtures"));
function testsNeedingFixtures(): string[] {
  if (existsSync(fixturesDir)) return [];
  const needing: string[] = [];
  for (const dir of ["emulators/arm", "emulators/azure-devops"]) {
    for (const file of readdirSync(path.join(import.meta.dirname, dir))) {
      if (!file.endsWith(".test.ts")) continue;
      const source = readFileSync(path.join(import.meta.dirname, dir, file), "utf8");
      if (/testing\/(specs|swagger-schemas|audit-spec)/.test(source)) needing.push(`${dir}/${file}`);
    }
  }
  console.warn(`[vitest] ${fixturesDir} not found: skipping ${needing.length} spec-validation test files (set RAMPART_FIXTURES_DIR)`);
  return needing;
}
const exclude = ["node_modules/**", ".next/**", "e2e/**", "scratch/**", "lib/generated/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts", "emulators/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          // The emulators over real HTTPS, checked against the owners' schemas with the real
          // client libraries. The global setup makes the local CA before workers start, so
          // NODE_EXTRA_CA_CERTS is in their environment from the first line.
          name: "emulators",
          include: ["emulators/**/*.test.ts"],
          exclude: [...exclude, ...testsNeedingFixtures()],
          environment: "node",
          globalSetup: ["./test/emulators-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          environment: "node",
          // The emulators' CA too: connector tests sync from them over HTTPS.
          globalSetup: ["./test/emulators-global-setup.ts", "./test/integration-global-setup.ts"],
          setupFiles: ["./test/integration-setup.ts"],
          // One PostgreSQL schema per run; files share it, so run them one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
