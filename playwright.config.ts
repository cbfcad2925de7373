// End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here).
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    // The emulated Entra ID serves https with a local CA the browser does not know.
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // node directly (no npx wrapper) so the graceful-shutdown signal reaches the server itself.
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { PORT: String(port) },
    timeout: 180_000,
    // E2E_REUSE=1 points the tests at a server you already started (scripts/e2e-server.ts).
    reuseExistingServer: process.env.E2E_REUSE === "1",
    // SIGTERM lets the server drop its schema and stop the embedded database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
