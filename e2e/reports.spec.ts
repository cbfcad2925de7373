// A security lead takes posture out of Rampart from the Reports page: a posture PDF for an
// organization (its first page rendered to PNG with pdftoppm and kept as an artifact) and an
// OSCAL assessment-results document that validates against NIST's official schema.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { PERSONAS, signInInBrowser } from "./support/personas";

const OSCAL_SCHEMA = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? "../shared/fixtures", "oscal/schema/1.1.3/oscal_assessment-results_schema.json");

async function download(page: Page, format: string): Promise<{ file: string; name: string }> {
  await page.getByLabel("Format").selectOption(format);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download report" }).click()]);
  const target = path.join(test.info().outputDir, file.suggestedFilename());
  await file.saveAs(target);
  return { file: target, name: file.suggestedFilename() };
}

test("a security lead downloads an organization's posture PDF and OSCAL assessment results", async ({ page }) => {
  test.setTimeout(90_000);
  await signInInBrowser(page, PERSONAS.securityLead);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const scope = page.getByLabel("Scope");
  const orgOption = scope.locator('optgroup[label="Organizations"] option').first();
  const orgName = (await orgOption.textContent())!;
  await scope.selectOption({ value: (await orgOption.getAttribute("value"))! });

  const pdf = await download(page, "pdf");
  expect(pdf.name).toMatch(/^rampart-posture-.*\.pdf$/);
  const bytes = readFileSync(pdf.file);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  // The first page as an image, for people reviewing the run.
  const png = path.join("e2e/screenshots", "report-first-page");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf.file, png]);
  expect(existsSync(`${png}.png`)).toBe(true);
  const text = execFileSync("pdftotext", ["-l", "2", pdf.file, "-"]).toString();
  expect(text).toContain(orgName);

  const oscal = await download(page, "oscal-ar");
  const document = JSON.parse(readFileSync(oscal.file, "utf8")) as { "assessment-results": { metadata: { title: string } } };
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(OSCAL_SCHEMA, "utf8")));
  expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  expect(JSON.stringify(document)).toContain(orgName);
});
