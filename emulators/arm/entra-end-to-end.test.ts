// End to end as Rampart's connectors will run: @azure/identity's ClientSecretCredential gets
// tokens from the Entra emulator's client-credentials flow, and the ARM and Azure DevOps
// emulators accept them (SecurityCenter for Defender data, a bearer call for the audit log).
import { SecurityCenter } from "@azure/arm-security";
import { ClientSecretCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";

describe("Entra client credentials → ARM and Azure DevOps", () => {
  const emulators = useEmulators(["entra", "arm", "azureDevOps"]);

  const credential = () => {
    const { endpoints } = emulators();
    const { tenantId, clientId, clientSecret } = endpoints.entraWorkload;
    return new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: endpoints.entraBase, disableInstanceDiscovery: true });
  };

  it("reads Defender alerts with the workload identity", async () => {
    const { ctx, endpoints } = emulators();
    const subscription = ctx.world.azure.subscriptions[0]!;
    const security = new SecurityCenter(credential(), subscription.subscriptionId, { endpoint: endpoints.arm });
    const names: string[] = [];
    for await (const alert of security.alerts.list()) names.push(alert.name!);
    expect(names).toEqual(subscription.alerts.map((a) => a.name));
  });

  it("reads the Azure DevOps audit log with a bearer token for the Azure DevOps resource", async () => {
    const { ctx, endpoints } = emulators();
    const token = await credential().getToken("499b84ac-1321-427f-aa17-267ca6975798/.default");
    const org = ctx.world.azureDevOps[0]!.name;
    const response = await fetch(`${endpoints.azureDevOps}/${org}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=2`, { headers: { authorization: `Bearer ${token.token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { decoratedAuditLogEntries: unknown[] }).decoratedAuditLogEntries).toHaveLength(2);
  });
});
