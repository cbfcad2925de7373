// The connectors' credential: @azure/identity's ClientSecretCredential pointed at the emulator
// with the options README.md documents, getting tokens the resource verifiers accept.
import { ClientSecretCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { AUDIENCES, verifyEntraToken } from "../core/entra-tokens";
import { useEmulators } from "../test-support/start";

describe("@azure/identity against the Entra emulator", () => {
  const emulators = useEmulators(["entra"]);

  const credential = (secret?: string) => {
    const { endpoints } = emulators();
    const { tenantId, clientId, clientSecret } = endpoints.entraWorkload;
    return new ClientSecretCredential(tenantId, clientId, secret ?? clientSecret, { authorityHost: endpoints.entraBase, disableInstanceDiscovery: true });
  };

  it("gets ARM, Azure DevOps and Graph tokens the verifiers accept", async () => {
    const { ctx, endpoints } = emulators();
    const arm = await credential().getToken("https://management.azure.com/.default");
    expect(arm.expiresOnTimestamp).toBeGreaterThan(Date.now() + 50 * 60_000);
    await expect(verifyEntraToken(ctx, arm.token, AUDIENCES.arm)).resolves.toMatchObject({ appid: endpoints.entraWorkload.clientId, tid: endpoints.entraWorkload.tenantId });
    const ado = await credential().getToken("499b84ac-1321-427f-aa17-267ca6975798/.default");
    await expect(verifyEntraToken(ctx, ado.token, AUDIENCES.azureDevOps)).resolves.toBeTruthy();
    const graph = await credential().getToken("https://graph.microsoft.com/.default");
    await expect(verifyEntraToken(ctx, graph.token, AUDIENCES.graph)).resolves.toMatchObject({ roles: ["GroupMember.Read.All", "User.Read.All"] });
  });

  it("surfaces a wrong secret as Entra's AADSTS7000215", async () => {
    await expect(credential("wrong").getToken("https://management.azure.com/.default")).rejects.toThrow(/AADSTS7000215/);
  });
});
