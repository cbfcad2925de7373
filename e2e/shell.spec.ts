// The first journey anyone takes: the landing page, the signed-in dashboard, the health probe.
import { expect, test, type Page } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

const screenshots = "e2e/screenshots";

/** Fails the test on any CSP violation or script error the page reports. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

test("landing page explains Rampart and offers sign-in", async ({ page }) => {
  const problems = watchConsole(page);
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /sign in with microsoft/i })).toHaveAttribute("href", "/sign-in");
  await page.screenshot({ path: `${screenshots}/landing.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test("dashboard shell: role-aware navigation, keyboard access, synced data, no script errors", async ({ page }) => {
  const problems = watchConsole(page);
  await signInInBrowser(page, PERSONAS.admin);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Primary" });
  for (const name of ["Overview", "My repositories", "Organizations", "Teams", "Repositories", "Findings", "Reports", "Sync status", "Admin"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: `${screenshots}/overview.png`, fullPage: true });

  // The skip link is the first stop for keyboard users and moves focus past the navigation.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);

  await nav.getByRole("link", { name: "Findings" }).click();
  await expect(page).toHaveURL(/\/findings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Findings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Findings" })).toHaveAttribute("aria-current", "page");
  await page.screenshot({ path: `${screenshots}/findings.png`, fullPage: true });

  // A finding's page, reached from the table, shows its history.
  await page.getByRole("table", { name: "Findings" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "History" })).toBeVisible();

  for (const [path, heading] of [["/orgs", "Organizations"], ["/teams", "Teams"], ["/repos", "Repositories"], ["/reports", "Reports"], ["/admin", "Admin"], ["/admin/audit", "Audit trail"], ["/admin/identities", "Identity mapping"]] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await page.screenshot({ path: `${screenshots}/identities.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test("health reports a reachable, fully migrated database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = (await response.json()) as { status: string; database: { reachable: boolean }; migrations: { pending: number; failed: number; applied: number } };
  expect(body.status).toBe("ok");
  expect(body.database.reachable).toBe(true);
  expect(body.migrations.applied).toBeGreaterThan(0);
  expect(body.migrations.pending).toBe(0);
  expect(body.migrations.failed).toBe(0);
});

test("unknown pages answer 404 with a way home", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: /home/i })).toBeVisible();
});
