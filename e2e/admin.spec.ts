// Admin journeys: add a connection, test it (permissions and rate-limit budget shown), remove it;
// each change lands in the audit trail.
import { expect, test } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

test("an admin tests the synced GitHub connection and sees its permissions and rate-limit budget", async ({ page }) => {
  await signInInBrowser(page, PERSONAS.admin);
  await page.goto("/admin");
  const github = page.getByRole("listitem").filter({ hasText: "GitHub (emulated Contoso enterprise)" });
  await github.getByRole("button", { name: "Test connection" }).click();
  await expect(github.getByText(/requests left this hour/).first()).toBeVisible();
  await expect(github.getByText(/Permissions: .*security_events: read/).first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/admin-connections.png", fullPage: true });
});

test("an admin adds a connection, and removes it; both are audited", async ({ page }) => {
  await signInInBrowser(page, PERSONAS.admin);
  await page.goto("/admin");
  const name = `Token connection ${Date.now()}`;
  await page.getByLabel("Kind").selectOption("github_token");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Settings (JSON)").fill('{ "orgs": ["contoso-platform"] }');
  // A secret reference outside the allowed places is refused with the reason.
  await page.getByLabel("Secret reference").fill("env:DATABASE_URL");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status")).toContainText("secretRef");
  await page.getByLabel("Secret reference").fill("env:RAMPART_CONN_GITHUB_TOKEN");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status")).toContainText("Connection saved");
  const row = page.getByRole("listitem").filter({ hasText: name });
  await expect(row).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status")).toContainText(`Removed “${name}”`);
  await expect(page.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);

  await page.goto("/admin/audit");
  await expect(page.getByRole("link", { name: "connection.created" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "connection.deleted" }).first()).toBeVisible();
});
