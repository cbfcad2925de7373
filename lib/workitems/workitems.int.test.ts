// Work items end to end with the real clients against the emulators: a GitHub issue (App
// installation token) and an Azure Boards bug (Entra workload identity through the Entra
// emulator) are opened from findings exactly once, closed with a comment after the source
// fixes the finding, and owners are picked from repository permissions.
import * as azdev from "azure-devops-node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AZURE_DEVOPS_DEMO_PAT, GITHUB_DEMO_TOKEN } from "../../emulators/core/credentials";
import { startEmulators, type RunningEmulators } from "../../emulators/start";
import { configureDemoConnections } from "../../scripts/lib/demo-connections";
import { isolateInFreshSchema } from "../../test/fresh-schema";
import { database } from "../db";
import { reloadEnv } from "../env";
import { createWorkItemForControl, createWorkItemsForFindings } from "./create";
import { workItemsOfFindings } from "./links";
import { assignFinding, findingsAssignedTo, ownerOf } from "./ownership";
import { CLOSE_ON_RESOLVE_SETTING, closeWorkItemsForResolvedFindings } from "./sync-state";

await isolateInFreshSchema();
const ORIGIN = "https://rampart.example.com";
process.env.RAMPART_ORIGIN = ORIGIN;
reloadEnv();

let emulators: RunningEmulators;
const ids = { ghRepo: "", adoRepo: "", ghFinding: "", adoFinding: "", keptOpen: "" };

async function github(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> & Record<string, unknown>[] }> {
  const response = await fetch(`${emulators.endpoints.github}${path}`, { ...init, headers: { authorization: `Bearer ${GITHUB_DEMO_TOKEN}`, ...(init.headers ?? {}) } });
  return { status: response.status, body: (await response.json()) as never };
}

function boards() {
  const org = emulators.ctx.world.azureDevOps[0]!;
  return new azdev.WebApi(`${emulators.endpoints.azureDevOps}/${org.name}`, azdev.getPersonalAccessTokenHandler(AZURE_DEVOPS_DEMO_PAT)).getWorkItemTrackingApi();
}

let findingSeq = 0;
async function finding(repositoryId: string, organizationId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  findingSeq++;
  const row = await database().prisma.finding.create({
    data: {
      source: "github",
      sourceId: `code:test:${findingSeq}`,
      kind: "code",
      repositoryId,
      organizationId,
      ruleId: "js/sql-injection",
      ruleName: "Database query built from user-controlled sources",
      title: "Database query built from user-controlled sources",
      severity: "high",
      state: "open",
      stage: "ci",
      fingerprint: String(findingSeq).padStart(64, "0"),
      locationPath: "src/db/users.ts",
      locationLine: 42,
      url: "https://github.example/acme/api/security/code-scanning/7",
      details: { cwes: ["CWE-089"], ref: "refs/heads/main", remediation: "Use parameterized queries." },
      firstSeenAt: new Date("2026-10-01T00:00:00Z"),
      lastSeenAt: new Date("2026-10-20T00:00:00Z"),
      ...overrides,
    },
  });
  return String(row.id);
}

/** What reconcile does when the source reports the finding fixed. */
async function markFixed(findingId: string, at: Date) {
  const { prisma } = database();
  await prisma.finding.update({ where: { id: BigInt(findingId) }, data: { state: "fixed", fixedAt: at } });
  await prisma.findingEvent.create({ data: { findingId: BigInt(findingId), type: "fixed", fromState: "open", toState: "fixed", fromSeverity: "high", toSeverity: "high", occurredAt: at } });
}

beforeAll(async () => {
  emulators = await startEmulators({ scale: "tiny", seed: 12, dir: process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test", only: ["github", "azureDevOps", "entra"] });
  const adoOrgName = emulators.ctx.world.azureDevOps[0]!.name;
  await configureDemoConnections({ ...emulators.endpoints, world: { ...emulators.endpoints.world, subscriptions: [], azureDevOpsOrgs: [adoOrgName] } }, process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test");
  const { prisma } = database();
  const ghConnection = await prisma.connection.findFirstOrThrow({ where: { kind: "github_app" } });
  const adoConnection = await prisma.connection.findFirstOrThrow({ where: { kind: "azure_devops_org" } });
  const ghOrg = emulators.ctx.world.github.orgs[0]!;
  const ghRepo = ghOrg.repos[0]!;
  const org = await prisma.organization.create({ data: { source: "github", sourceId: String(ghOrg.id), connectionId: ghConnection.id, login: ghOrg.login } });
  const repo = await prisma.repository.create({
    data: { organizationId: org.id, source: "github", sourceId: String(ghRepo.id), name: ghRepo.name, fullName: ghRepo.fullName, url: `${emulators.endpoints.github}/${ghRepo.fullName}`, defaultBranch: "main" },
  });
  ids.ghRepo = repo.id;
  // Ownership candidates: push < maintain = maintain (tie broken by name) < admin on another repo.
  const team = (slug: string) => prisma.team.create({ data: { organizationId: org.id, source: "github", sourceId: `team-${slug}`, slug, name: slug } });
  const [writers, zeta, alpha, readers] = await Promise.all([team("writers"), team("zeta-maintainers"), team("alpha-maintainers"), team("readers")]);
  await prisma.teamRepository.createMany({
    data: [
      { teamId: writers.id, repositoryId: repo.id, permission: "push" },
      { teamId: zeta.id, repositoryId: repo.id, permission: "maintain" },
      { teamId: alpha.id, repositoryId: repo.id, permission: "maintain" },
      { teamId: readers.id, repositoryId: repo.id, permission: "pull" },
    ],
  });
  ids.ghFinding = await finding(repo.id, org.id);
  ids.keptOpen = await finding(repo.id, org.id, { title: "Hard-coded credential", kind: "secret", severity: "critical", stage: "pre_commit", ruleId: "github_personal_access_token", locationLine: 3 });

  const adoProject = emulators.ctx.world.azureDevOps[0]!.projects[0]!;
  const adoOrg = await prisma.organization.create({ data: { source: "azure_devops", sourceId: "ado-org", connectionId: adoConnection.id, login: adoOrgName } });
  const adoRepo = await prisma.repository.create({
    data: { organizationId: adoOrg.id, source: "azure_devops", sourceId: adoProject.repos[0]!.id, name: adoProject.repos[0]!.name, fullName: `${adoProject.name}/${adoProject.repos[0]!.name}`, projectName: adoProject.name },
  });
  ids.adoRepo = adoRepo.id;
  ids.adoFinding = await finding(adoRepo.id, adoOrg.id, { source: "defender", sourceId: "iac:1", kind: "iac", stage: "cd", title: "Storage account allows public access", ruleId: "CKV_AZURE_59", locationPath: "infra/main.bicep", locationLine: 12, url: null, details: {} });
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

describe("work items from findings", () => {
  it("opens exactly one GitHub issue per finding, with a useful body and a link row", async () => {
    const first = await createWorkItemsForFindings([ids.ghFinding], { system: "github_issue" }, { createdBy: "lead@contoso.example" });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ status: "created", link: { system: "github_issue", state: "open", open: true, findingId: ids.ghFinding, repositoryId: ids.ghRepo, createdBy: "lead@contoso.example" } });
    const repo = emulators.ctx.world.github.orgs[0]!.repos[0]!;
    expect(first[0]!.status === "created" && first[0]!.link.externalId).toBe(`${repo.fullName}#1`);

    const issue = await github(`/repos/${repo.fullName}/issues/1`);
    expect(issue.status).toBe(200);
    expect(issue.body.title).toBe(`[High] Database query built from user-controlled sources in ${repo.fullName}`);
    expect((issue.body.labels as unknown as { name: string }[]).map((l) => l.name)).toEqual(["security", "rampart", "severity:high"]);
    expect(issue.body.user).toMatchObject({ login: "rampart-posture[bot]" });
    const body = String(issue.body.body);
    for (const part of ["### What", "### Where", "### Why it matters", "### How to fix", `(${ORIGIN}/findings/${ids.ghFinding})`, "src/db/users.ts:42", `/${repo.fullName}/blob/main/src/db/users.ts#L42`, "Use parameterized queries.", "CWE-089", "Lifecycle stage: CI"]) {
      expect(body).toContain(part);
    }

    const again = await createWorkItemsForFindings([ids.ghFinding], { system: "github_issue" }, { createdBy: "someone-else" });
    expect(again[0]).toMatchObject({ status: "exists", link: { id: first[0]!.status === "created" ? first[0]!.link.id : "" } });
    expect((await github(`/repos/${repo.fullName}/issues/2`)).status).toBe(404);
    expect(await workItemsOfFindings([ids.ghFinding])).toHaveLength(1);
  });

  it("opens one Azure Boards bug under concurrent requests, in the chosen area path", async () => {
    const project = emulators.ctx.world.azureDevOps[0]!.projects[0]!;
    const target = { system: "azure_boards" as const, organization: emulators.ctx.world.azureDevOps[0]!.name.toUpperCase(), project: project.name, areaPath: `${project.name}\\Security` };
    const [a, b] = await Promise.all([
      createWorkItemsForFindings([ids.adoFinding], target, { createdBy: "lead@contoso.example" }),
      createWorkItemsForFindings([ids.adoFinding], target, { createdBy: "lead@contoso.example" }),
    ]);
    expect([a[0]!.status, b[0]!.status].sort()).toEqual(["created", "exists"]);
    const links = await workItemsOfFindings([ids.adoFinding]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ system: "azure_boards", state: "New", open: true });
    const item = await (await boards()).getWorkItem(Number(links[0]!.externalId.split("/").pop()), undefined, undefined, 1 /* Relations */);
    expect(item.fields).toMatchObject({ "System.WorkItemType": "Bug", "System.State": "New", "System.AreaPath": `${project.name}\\Security`, "System.Tags": "security; rampart; severity:high" });
    expect(String(item.fields!["System.Title"])).toContain("Storage account allows public access");
    expect(String(item.fields!["Microsoft.VSTS.TCM.ReproSteps"])).toContain(`<a href="${ORIGIN}/findings/${ids.adoFinding}">`);
    expect(item.relations).toEqual([{ rel: "Hyperlink", url: `${ORIGIN}/findings/${ids.adoFinding}`, attributes: { comment: "Rampart" } }]);
    expect(links[0]!.url).toMatch(/\/_workitems\/edit\/\d+$/);
  });

  it("refuses a GitHub issue for a repository that is not on GitHub", async () => {
    await expect(createWorkItemsForFindings([ids.adoFinding], { system: "github_issue" }, { createdBy: "x" })).rejects.toThrow(/GitHub issues can only be opened/);
  });

  it("comments on and closes the items once the source fixes the findings; a second run does nothing", async () => {
    const fixedAt = new Date("2026-11-02T10:00:00Z");
    await markFixed(ids.ghFinding, fixedAt);
    await markFixed(ids.adoFinding, fixedAt);
    const summary = await closeWorkItemsForResolvedFindings({ now: new Date("2026-11-02T11:00:00Z") });
    expect(summary).toEqual({ checked: 2, refreshed: 0, closed: 2, failed: 0 });

    const repo = emulators.ctx.world.github.orgs[0]!.repos[0]!;
    const issue = await github(`/repos/${repo.fullName}/issues/1`);
    expect(issue.body).toMatchObject({ state: "closed", state_reason: "completed", comments: 1 });
    const comments = await github(`/repos/${repo.fullName}/issues/1/comments`);
    expect(String(comments.body[0]!.body)).toContain("fixed in source at 2026-11-02T10:00:00Z");

    const [adoLink] = await workItemsOfFindings([ids.adoFinding]);
    expect(adoLink).toMatchObject({ state: "Closed", open: false });
    const wit = await boards();
    const adoId = Number(adoLink!.externalId.split("/").pop());
    expect((await wit.getWorkItem(adoId)).fields!["System.State"]).toBe("Closed");
    const project = emulators.ctx.world.azureDevOps[0]!.projects[0]!;
    expect((await wit.getComments(project.name, adoId)).comments!.map((c) => c.text)).toEqual([expect.stringContaining("fixed in source at 2026-11-02T10:00:00Z")]);
    expect((await workItemsOfFindings([ids.ghFinding]))[0]).toMatchObject({ state: "closed", open: false });

    expect(await closeWorkItemsForResolvedFindings({ now: new Date() })).toEqual({ checked: 0, refreshed: 0, closed: 0, failed: 0 });
    // A fixed finding whose item is closed may get a new one; the closed link stays as history.
    const reopened = await createWorkItemsForFindings([ids.ghFinding], { system: "github_issue" }, { createdBy: "x" });
    expect(reopened[0]!.status).toBe("created");
  });

  it("leaves items open when closing is switched off, but still follows their state at the source", async () => {
    await database().prisma.setting.upsert({ where: { key: CLOSE_ON_RESOLVE_SETTING }, create: { key: CLOSE_ON_RESOLVE_SETTING, value: false }, update: { value: false } });
    const [created] = await createWorkItemsForFindings([ids.keptOpen], { system: "github_issue" }, { createdBy: "x" });
    await markFixed(ids.keptOpen, new Date("2026-11-03T00:00:00Z"));
    const before = await closeWorkItemsForResolvedFindings({ now: new Date() });
    expect(before.closed).toBe(0);
    expect((await workItemsOfFindings([ids.keptOpen]))[0]).toMatchObject({ state: "open" });

    // Someone closes the issue by hand: the link follows.
    const externalId = created!.status === "created" ? created!.link.externalId : "";
    const [fullName, number] = externalId.split("#");
    await github(`/repos/${fullName}/issues/${number}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ state: "closed", state_reason: "not_planned" }) });
    const after = await closeWorkItemsForResolvedFindings({ now: new Date() });
    expect(after).toMatchObject({ refreshed: 1, closed: 0, failed: 0 });
    expect((await workItemsOfFindings([ids.keptOpen]))[0]).toMatchObject({ state: "closed", open: false });
    await database().prisma.setting.delete({ where: { key: CLOSE_ON_RESOLVE_SETTING } });
  });

  it("opens an item for a failing control once", async () => {
    await database().prisma.controlResult.create({
      data: { controlId: "PRE-01", catalogVersion: "test", stage: "pre_commit", repositoryId: ids.ghRepo, status: "fail", score: 0, evidence: { pushProtection: false }, evaluatedAt: new Date(), lastEvaluatedAt: new Date() },
    });
    const first = await createWorkItemForControl(ids.ghRepo, "PRE-01", { system: "github_issue" }, { createdBy: "x" });
    expect(first).toMatchObject({ status: "created", link: { controlId: "PRE-01", repositoryId: ids.ghRepo, findingId: null } });
    expect((await createWorkItemForControl(ids.ghRepo, "PRE-01", { system: "github_issue" }, { createdBy: "x" })).status).toBe("exists");
  });
});

describe("ownership", () => {
  it("picks the team with the strongest write permission, ties by name, and the assigned person", async () => {
    const owners = await ownerOf([ids.ghFinding, ids.adoFinding, "999999"]);
    expect(owners.get(ids.ghFinding)).toMatchObject({ person: null, team: { slug: "alpha-maintainers", permission: "maintain" } });
    expect(owners.get(ids.adoFinding)).toMatchObject({ team: null });
    expect(owners.has("999999")).toBe(false);

    const { prisma } = database();
    const admins = await prisma.team.create({ data: { organizationId: (await prisma.repository.findUniqueOrThrow({ where: { id: ids.ghRepo } })).organizationId, source: "github", sourceId: "team-zz-admins", slug: "zz-admins", name: "zz-admins" } });
    await prisma.teamRepository.create({ data: { teamId: admins.id, repositoryId: ids.ghRepo, permission: "admin" } });
    expect((await ownerOf([ids.ghFinding])).get(ids.ghFinding)!.team).toMatchObject({ slug: "zz-admins", permission: "admin" });

    await assignFinding(ids.keptOpen, "octo-dev");
    await prisma.finding.update({ where: { id: BigInt(ids.keptOpen) }, data: { state: "open" } });
    expect((await ownerOf([ids.keptOpen])).get(ids.keptOpen)!.person).toBe("octo-dev");
    const org = await prisma.organization.findFirstOrThrow({ where: { source: "github" } });
    await prisma.identityLink.create({ data: { tenantId: "t", entraUpn: "dev@contoso.example", organizationId: org.id, provider: "github", login: "Octo-Dev", origin: "admin" } });
    expect((await findingsAssignedTo("dev@contoso.example")).map((f) => f.id)).toEqual([ids.keptOpen]);
    expect((await findingsAssignedTo("octo-dev")).map((f) => f.id)).toEqual([ids.keptOpen]);
    expect(await findingsAssignedTo("nobody@contoso.example")).toEqual([]);
    await assignFinding(ids.keptOpen, null);
    expect(await findingsAssignedTo("octo-dev")).toEqual([]);
    await expect(assignFinding("424242", "x")).rejects.toThrow(/not found/i);
  });
});
