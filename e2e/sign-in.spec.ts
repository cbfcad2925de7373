// Each persona signs in through the Entra emulator's picker and lands on its home; sign-out ends
// the session for real.
import { expect, test } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

const screenshots = "e2e/screenshots";

test("anonymous visitors are sent to sign in, and come back where they were going", async ({ page }) => {
  await page.goto("/findings?severity=critical");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Ffindings%3Fseverity%3Dcritical$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Rampart" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in with Microsoft" }).click();
  await page.locator(`button[name="persona"][value="${PERSONAS.securityLead}"]`).click();
  await expect(page).toHaveURL(/\/findings\?severity=critical$/);
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
});

for (const [persona, home, heading] of [
  [PERSONAS.securityLead, "/overview", "Overview"],
  [PERSONAS.developer, "/my", "My repositories"],
  [PERSONAS.auditor, "/reports", "Reports"],
  [PERSONAS.admin, "/overview", "Overview"],
] as const) {
  test(`${persona} signs in through the picker and lands on ${home}`, async ({ page }) => {
    await signInInBrowser(page, persona);
    await expect(page).toHaveURL((url) => url.pathname === home);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "rampart_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    // No IdP token reaches the browser: the only cookie value is an opaque 43-character token.
    expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: `${screenshots}/home-${persona}.png`, fullPage: true });
  });
}

test("a developer sees their own repositories and none of another team's", async ({ page }) => {
  await signInInBrowser(page, PERSONAS.developer);
  const table = page.getByRole("table", { name: "My repositories" });
  await expect(table).toBeVisible();
  const mine = await table.getByRole("row").count();
  expect(mine).toBeGreaterThan(1);
  // The admin-only and security pages are not offered.
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Sync status" })).toHaveCount(0);
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
});

test("sign-out ends the session on the server and signs out of the identity provider", async ({ page }) => {
  await signInInBrowser(page, PERSONAS.securityLead);
  const before = await page.context().cookies();
  const token = before.find((c) => c.name === "rampart_session")!.value;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  // Replaying the old cookie gets nothing: the session was revoked, not just forgotten.
  const replay = await page.request.get("/api/session", { headers: { cookie: `rampart_session=${token}` } });
  expect(replay.status()).toBe(401);
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/sign-in/);
});
