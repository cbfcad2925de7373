// DevOps security connectors (2024-04-01), called the way Rampart will call them: through the
// Azure SDK pipeline (ServiceClient + bearer policy), since @azure/arm-security 5 lacks them.
// Across all subscriptions the connectors list exactly the world's GitHub orgs and repositories
// and Azure DevOps orgs, projects and repositories, every page matching the spec.
import { ServiceClient } from "@azure/core-client";
import { createPipelineRequest } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, useEmulators } from "../test-support/start";
import { armCredential } from "./testing/arm-client";
import { azureSpecs, type SpecName } from "./testing/specs";

interface Page {
  value: { name: string; id: string; properties: Record<string, unknown> }[];
  nextLink?: string;
}

describe("DevOps security connector inventory through the Azure SDK pipeline", () => {
  const emulators = useEmulators(["arm"]);
  const { check } = azureSpecs();
  const ctx = () => emulators().ctx;
  let client: ServiceClient;

  beforeAll(async () => {
    client = new ServiceClient({ endpoint: ctx().urls.arm, credential: armCredential(ctx()), credentialScopes: ["https://management.azure.com/.default"] });
    await admin(emulators(), "PUT", "/arm/settings", { pageSize: 4 });
  });
  afterAll(async () => {
    await admin(emulators(), "DELETE", "/arm/settings");
  });

  async function get<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await client.sendRequest(createPipelineRequest({ url: url.startsWith("https://") ? url : `${ctx().urls.arm}${url}`, method: "GET" }));
    return { status: response.status, body: JSON.parse(response.bodyAsText ?? "null") as T };
  }

  async function getChecked<T>(url: string, spec: SpecName, operationId: string): Promise<T> {
    const { status, body } = await get<T>(url);
    expect(status, JSON.stringify(body)).toBe(200);
    check(spec, operationId, body);
    return body;
  }

  async function listChecked(path: string, operationId: string): Promise<Page["value"]> {
    const items: Page["value"] = [];
    let next: string | undefined = `${path}?api-version=2024-04-01`;
    while (next) {
      const page: Page = await getChecked<Page>(next, "devops", operationId);
      items.push(...page.value);
      next = page.nextLink;
    }
    return items;
  }

  it("covers every GitHub org and repository and every Azure DevOps org, project and repository", async () => {
    const owners: string[] = [];
    const gitHubRepos: string[] = [];
    const adoRepos: string[] = [];
    for (const subscription of ctx().world.azure.subscriptions) {
      const connectors = await getChecked<Page>(`/subscriptions/${subscription.subscriptionId}/providers/Microsoft.Security/securityConnectors?api-version=2023-10-01-preview`, "securityConnectors", "SecurityConnectors_List");
      for (const connector of connectors.value) {
        const base = connector.id;
        expect((await listChecked(`${base}/devops`, "DevOpsConfigurations_List")).map((c) => c.name)).toEqual(["default"]);
        const config = await getChecked<Page["value"][number]>(`${base}/devops/default?api-version=2024-04-01`, "devops", "DevOpsConfigurations_Get");
        expect(config.properties).toMatchObject({ provisioningState: "Succeeded", autoDiscovery: "Enabled" });

        for (const owner of await listChecked(`${base}/devops/default/gitHubOwners`, "GitHubOwners_List")) {
          owners.push(owner.name);
          await getChecked(`${base}/devops/default/gitHubOwners/${owner.name}?api-version=2024-04-01`, "devops", "GitHubOwners_Get");
          const repos = await listChecked(`${base}/devops/default/gitHubOwners/${owner.name}/repos`, "GitHubRepos_List");
          gitHubRepos.push(...repos.map((r) => String(r.properties.repoFullName)));
          await getChecked(`${base}/devops/default/gitHubOwners/${owner.name}/repos/${repos[0]!.name}?api-version=2024-04-01`, "devops", "GitHubRepos_Get");
        }
        for (const org of await listChecked(`${base}/devops/default/azureDevOpsOrgs`, "AzureDevOpsOrgs_List")) {
          await getChecked(`${base}/devops/default/azureDevOpsOrgs/${org.name}?api-version=2024-04-01`, "devops", "AzureDevOpsOrgs_Get");
          for (const project of await listChecked(`${base}/devops/default/azureDevOpsOrgs/${org.name}/projects`, "AzureDevOpsProjects_List")) {
            await getChecked(`${base}/devops/default/azureDevOpsOrgs/${org.name}/projects/${project.name}?api-version=2024-04-01`, "devops", "AzureDevOpsProjects_Get");
            const repos = await listChecked(`${base}/devops/default/azureDevOpsOrgs/${org.name}/projects/${project.name}/repos`, "AzureDevOpsRepos_List");
            adoRepos.push(...repos.map((r) => `${org.name}/${project.name}/${r.name}`));
            if (repos[0]) await getChecked(`${base}/devops/default/azureDevOpsOrgs/${org.name}/projects/${project.name}/repos/${repos[0].name}?api-version=2024-04-01`, "devops", "AzureDevOpsRepos_Get");
          }
        }
      }
    }
    const world = ctx().world;
    expect(owners.sort()).toEqual(world.github.orgs.map((o) => o.login).sort());
    expect(gitHubRepos.sort()).toEqual(world.github.orgs.flatMap((o) => o.repos.map((r) => r.fullName)).sort());
    expect(adoRepos.sort()).toEqual(world.azureDevOps.flatMap((o) => o.projects.flatMap((p) => p.repos.map((r) => `${o.name}/${p.name}/${r.name}`))).sort());
  });

  it("answers 404 for inventory the connector does not hold and 400 for other api-versions", async () => {
    const subscription = ctx().world.azure.subscriptions[0]!;
    const ado = `/subscriptions/${subscription.subscriptionId}/resourceGroups/rg-defender-devops/providers/Microsoft.Security/securityConnectors/azuredevops-connector`;
    const owner = ctx().world.github.orgs[0]!.login;
    const missing = await get<{ error: { code: string } }>(`${ado}/devops/default/gitHubOwners/${owner}?api-version=2024-04-01`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NotFound");
    const wrongVersion = await get<{ error: { code: string } }>(`${ado}/devops/default?api-version=2023-10-01-preview`);
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.body.error.code).toBe("NoRegisteredProviderFound");
    const noConnector = await get<{ error: { code: string } }>(`/subscriptions/${subscription.subscriptionId}/resourceGroups/rg-defender-devops/providers/Microsoft.Security/securityConnectors/nope/devops/default?api-version=2024-04-01`);
    expect(noConnector.status).toBe(404);
  });
});
