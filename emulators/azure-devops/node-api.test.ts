// azure-devops-node-api 17 against the emulator, unchanged but for the org URL: WebApi.connect,
// location negotiation (OPTIONS + ResourceAreas), CoreApi.getProjects and GitApi.getRepositories
// with a PAT and with an Entra bearer token. The library has no audit client, so the audit
// log is read through its authenticated REST client.
import * as azdev from "azure-devops-node-api";
import { describe, expect, it } from "vitest";
import { AZURE_DEVOPS_DEMO_PAT } from "../core/credentials";
import { useEmulators } from "../test-support/start";
import { adoBearer } from "./testing/ado-client";

describe("azure-devops-node-api against the Azure DevOps emulator", () => {
  const emulators = useEmulators(["azureDevOps"]);
  const ctx = () => emulators().ctx;
  const org = () => ctx().world.azureDevOps[0]!;
  const orgUrl = () => `${ctx().urls.azureDevOps}/${org().name}`;

  it("connects with a PAT and lists projects and repositories", async () => {
    const connection = new azdev.WebApi(orgUrl(), azdev.getPersonalAccessTokenHandler(AZURE_DEVOPS_DEMO_PAT));
    const data = await connection.connect();
    expect(data.instanceId).toBe(org().id);
    expect(data.authenticatedUser?.providerDisplayName).toBe("rampart-demo");

    const core = await connection.getCoreApi();
    const projects = await core.getProjects();
    expect(projects.map((p) => p.name)).toEqual(org().projects.map((p) => p.name));
    expect(projects[0]!.lastUpdateTime).toBeInstanceOf(Date);

    const git = await connection.getGitApi();
    for (const project of org().projects) {
      const repos = await git.getRepositories(project.name);
      expect(repos.map((r) => r.id)).toEqual(project.repos.map((r) => r.id));
      expect(repos.every((r) => r.project?.id === project.id)).toBe(true);
    }
    expect((await git.getRepositories()).length).toBe(org().projects.reduce((n, p) => n + p.repos.length, 0));
  });

  it("works with an Entra bearer token and reads the audit log through the library's REST client", async () => {
    const token = (await adoBearer(ctx())).replace(/^Bearer /, "");
    const connection = new azdev.WebApi(orgUrl(), azdev.getBearerHandler(token));
    const projects = await (await connection.getCoreApi()).getProjects();
    expect(projects).toHaveLength(org().projects.length);
    const response = await connection.rest.get<{ decoratedAuditLogEntries: unknown[]; hasMore: boolean }>(`${orgUrl()}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=3`);
    expect(response.statusCode).toBe(200);
    expect(response.result?.decoratedAuditLogEntries).toHaveLength(3);
  });

  it("fails with the library's 401 error for a bad PAT", async () => {
    const connection = new azdev.WebApi(orgUrl(), azdev.getPersonalAccessTokenHandler("not-the-pat"));
    await expect(connection.connect()).rejects.toMatchObject({ statusCode: 401 });
  });
});
