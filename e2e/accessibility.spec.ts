// axe-core on every page, signed in where the page needs it: no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

test("signed-out pages are axe-clean", async ({ page }) => {
  const problems: string[] = [];
  for (const path of ["/", "/sign-in", "/signed-out", "/no-such-page"]) {
    await page.goto(path);
    problems.push(...(await seriousViolations(page)));
  }
  expect(problems).toEqual([]);
});

test("every dashboard page is axe-clean for an admin", async ({ page }) => {
  test.setTimeout(120_000);
  await signInInBrowser(page, PERSONAS.admin);
  const problems: string[] = [];
  for (const path of ["/overview", "/my", "/orgs", "/teams", "/repos", "/findings", "/reports", "/admin", "/admin/sync", "/admin/audit", "/admin/identities", "/admin/notifications"]) {
    await page.goto(path);
    problems.push(...(await seriousViolations(page)));
  }
  // One repository and one finding page, reached as a person would.
  await page.goto("/findings");
  await page.getByRole("table", { name: "Findings" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  problems.push(...(await seriousViolations(page)));
  await page.goto("/repos");
  await page.getByRole("table", { name: "Repositories" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Controls" })).toBeVisible();
  problems.push(...(await seriousViolations(page)));
  expect(problems).toEqual([]);
});

for (const [persona, pages] of [
  [PERSONAS.securityLead, ["/overview", "/findings", "/admin/sync", "/admin/notifications", "/reports"]],
  [PERSONAS.developer, ["/my", "/overview", "/repos", "/findings", "/reports"]],
  [PERSONAS.auditor, ["/reports", "/overview", "/orgs", "/teams"]],
] as const) {
  test(`${persona}'s journey is axe-clean, with a screenshot of each stop`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInInBrowser(page, persona);
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      problems.push(...(await seriousViolations(page)));
      await page.screenshot({ path: `e2e/screenshots/journey-${persona}${path.replace(/\//g, "-")}.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
  });
}
