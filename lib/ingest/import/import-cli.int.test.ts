// `npm run import` as an operator runs it: a child process on saved API responses, first with
// --dry-run (JSON lines, nothing written), then for real (through the reconcile path; a second
// import writes nothing), with unmappable records reported and the exit code saying so.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { database } from "../../db";
import { isolateInFreshSchema } from "../../../test/fresh-schema";

const url = await isolateInFreshSchema();
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURES = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? path.join(ROOT, "../shared/fixtures"), "azure-security");

async function importCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/import.ts"), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** A saved response file: the 200 body of a published example, as the API returned it. */
async function savedResponse(name: string, body: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "rampart-import-"));
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(body));
  return file;
}

async function exampleBody(relative: string): Promise<unknown> {
  return (JSON.parse(await readFile(path.join(FIXTURES, relative), "utf8")) as { responses: { "200": { body: unknown } } }).responses["200"].body;
}

const lines = (stdout: string) => stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("npm run import", () => {
  it("defender alerts page: --dry-run prints the normalized records and writes nothing; a real import writes them once", async () => {
    const file = await savedResponse("alerts.json", await exampleBody("2022-01-01/examples/Alerts/GetAlertsSubscription_example.json"));
    const dry = await importCli(["--source", "defender", "--file", file, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(lines(dry.stdout).map((l) => [l.source, l.kind, l.severity, l.state])).toEqual([
      ["defender", "cloud_alert", "high", "open"],
      ["defender", "cloud_alert", "medium", "open"],
    ]);
    expect(await database().prisma.finding.count({ where: { source: "defender" } })).toBe(0);

    const real = await importCli(["--source", "defender", "--file", file]);
    expect([real.code, lines(real.stdout)[0]]).toEqual([0, expect.objectContaining({ records: 2, created: 2, updated: 0, unmapped: 0 })]);
    const stored = await database().prisma.finding.findMany({ where: { source: "defender" }, orderBy: { severity: "asc" }, include: { cloudResource: true } });
    expect(stored.map((f) => [f.kind, f.severity, f.state, f.stage, f.cloudResource?.type])).toEqual([
      ["cloud_alert", "high", "open", "operate", "Microsoft.Compute/virtualMachines"],
      ["cloud_alert", "medium", "open", "operate", "Microsoft.Compute/virtualMachines"],
    ]);
    const again = await importCli(["--source", "defender", "--file", file]);
    expect(lines(again.stdout)[0]).toEqual(expect.objectContaining({ created: 0, updated: 0 }));
  }, 120_000);

  it("defender: assessments with their catalog in one file, and secure scores, from single objects and pages", async () => {
    const [assessment] = ((await exampleBody("2021-06-01/examples/Assessments/ListAssessments_example.json")) as { value: Record<string, unknown>[] }).value;
    const catalogEntry = { id: "/providers/Microsoft.Security/assessmentMetadata/21300918-b2e3-0346-785f-c77ff57d243b", name: "21300918-b2e3-0346-785f-c77ff57d243b", type: "Microsoft.Security/assessmentMetadata", properties: { displayName: "Install endpoint protection", severity: "High", categories: ["Compute"] } };
    const page = await savedResponse("assessments.json", { value: [catalogEntry, assessment] });
    const dry = await importCli(["--source", "defender", "--file", page, "--dry-run"]);
    expect(lines(dry.stdout).map((l) => [l.kind, l.severity, l.state])).toEqual([["cloud_recommendation", "high", "resolved"]]);

    const score = await savedResponse("score.json", await exampleBody("2020-01-01/examples/secureScores/GetSecureScoresSingle_example.json"));
    const real = await importCli(["--source", "defender", "--file", score]);
    expect(real.code).toBe(0);
    expect(await database().prisma.secureScoreSnapshot.findMany({ select: { scoreName: true, current: true, max: true, percentage: true } })).toEqual([{ scoreName: "ascScore", current: 23.53, max: 39, percentage: 0.6033 }]);
  }, 120_000);

  it("github: all three alert kinds in one page are told apart by shape; an unknown record is reported, not dropped", async () => {
    const require = createRequire(import.meta.url);
    const spec = require("@octokit/openapi/generated/api.github.com.json") as { components: { examples: Record<string, { value: unknown[] }> } };
    const mixed = [
      spec.components.examples["code-scanning-organization-alert-items"]!.value[0],
      spec.components.examples["organization-secret-scanning-alert-list"]!.value[0],
      spec.components.examples["dependabot-alerts-for-organization"]!.value[0],
      { number: 9, something: "else" },
    ];
    const file = await savedResponse("github.json", mixed);
    const dry = await importCli(["--source", "github", "--file", file, "--dry-run"]);
    expect(dry.code).toBe(1);
    expect(lines(dry.stdout).map((l) => [l.source, l.kind])).toEqual([["github", "code"], ["github", "secret"], ["github", "dependency"]]);
    expect(lines(dry.stdout).every((l) => typeof l.sourceId === "string" && typeof l.severity === "string" && typeof l.state === "string")).toBe(true);
    expect(dry.stderr).toMatch(/unmapped \?#9: not a GitHub security alert/);

    const real = await importCli(["--source", "github", "--file", file]);
    expect([real.code, lines(real.stdout)[0]]).toEqual([1, expect.objectContaining({ records: 3, created: 3, unmapped: 1 })]);
    expect(await database().prisma.finding.count({ where: { source: "github" } })).toBe(3);
  }, 120_000);

  it("azure-devops: a published audit query example imports through the connector's insert path, once", async () => {
    const file = path.resolve(FIXTURES, "../azure-devops-audit/7.1/httpExamples/auditLog/GET__AuditLog_QueryLog_by_date.json");
    const dry = await importCli(["--source", "azure-devops", "--file", file, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(lines(dry.stdout).map((l) => [l.source, l.kind, l.state, l.actionId])).toEqual([
      ["azure_devops", "audit", "recorded", "AuditLog.AccessLog"],
      ["azure_devops", "audit", "recorded", "Project.CreateCompleted"],
    ]);
    const before = await database().prisma.auditEvent.count();
    const real = await importCli(["--source", "azure-devops", "--file", file]);
    expect(real.code).toBe(0);
    expect(await database().prisma.auditEvent.count()).toBe(before + 2);
    await importCli(["--source", "azure-devops", "--file", file]);
    expect(await database().prisma.auditEvent.count()).toBe(before + 2);
  }, 120_000);

  it("refuses a file that is not JSON, with a usage-level exit code", async () => {
    const file = await savedResponse("broken.json", "");
    await writeFile(file, "{ not json");
    const result = await importCli(["--source", "github", "--file", file, "--dry-run"]);
    expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(/Cannot read/)]);
  }, 60_000);
});
