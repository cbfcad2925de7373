// A security lead takes a finding into the team's backlog: assigns it and creates an Azure Boards
// work item in an Azure DevOps project; the finding shows the link and its state.
import { expect, test } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

test("a security lead assigns a finding and creates an Azure Boards work item from it", async ({ page }) => {
  await signInInBrowser(page, PERSONAS.securityLead);
  // An Azure DevOps project to file into: the first synced Azure DevOps repository's.
  await page.goto("/repos?q=contoso-ado");
  const adoRepo = (await page.getByRole("table", { name: "Repositories" }).getByRole("link").first().textContent())!;
  const [organization, project] = adoRepo.split("/");

  await page.goto("/findings?severity=critical");
  await page.getByRole("table", { name: "Findings" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Owner and work item" })).toBeVisible();

  await page.getByLabel("Assign to (UPN or login; empty to unassign)").fill("octo-dev@contoso.test");
  await page.getByRole("button", { name: "Save owner" }).click();
  await expect(page.getByRole("status")).toContainText("Assigned to octo-dev@contoso.test");

  await page.getByLabel("Azure DevOps organization").fill(organization!);
  await page.getByLabel("Project").fill(project!);
  await page.getByRole("button", { name: "Create Azure Boards item" }).click();
  await expect(page.getByRole("status")).toContainText("Azure Boards work item created");
  await expect(page.getByRole("link", { name: /Azure Boards item #\d+/ })).toBeVisible();
  await expect(page.getByText(/— New/)).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/finding-triage.png", fullPage: true });

});
