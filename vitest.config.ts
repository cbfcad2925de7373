// Two tiers: unit tests (pure logic, beside the code, *.test.ts) and integration tests
// (*.int.test.ts) against a real PostgreSQL: DATABASE_URL's server, or the embedded one.
// Each integration run gets a fresh schema, migrated, and dropped at the end.
import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };
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
          exclude,
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
