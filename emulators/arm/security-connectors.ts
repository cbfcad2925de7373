// Microsoft.Security/securityConnectors (2023-10-01-preview): the GitHub and Azure DevOps
// connectors of each subscription, listed per subscription and resource group and read by name.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import { requireApiVersion } from "./api-versions";
import { CONNECTOR_LOCATION, CONNECTOR_RESOURCE_GROUP, connectorOf, connectorsOf, systemData, type Connector } from "./devops-model";
import { fromArray, pageOf } from "./paging";
import { requireResourceGroup, subscriptionOf } from "./world-view";

const ENVIRONMENT: Record<Connector["kind"], { environmentName: string; environmentType: string; offerings: string[] }> = {
  github: { environmentName: "Github", environmentType: "GithubScope", offerings: ["CspmMonitorGithub"] },
  azureDevOps: { environmentName: "AzureDevOps", environmentType: "AzureDevOpsScope", offerings: ["CspmMonitorAzureDevOps"] },
};

export function connectorResource(ctx: EmulatorContext, connector: Connector): Record<string, unknown> {
  const environment = ENVIRONMENT[connector.kind];
  return {
    id: connector.id,
    name: connector.name,
    type: "Microsoft.Security/securityConnectors",
    etag: `"${connector.hierarchyIdentifier.slice(0, 8)}-0000-0d00-0000-${connector.hierarchyIdentifier.slice(-12)}"`,
    kind: "",
    location: CONNECTOR_LOCATION,
    tags: {},
    systemData: systemData(ctx, connector),
    properties: {
      hierarchyIdentifier: connector.hierarchyIdentifier,
      environmentName: environment.environmentName,
      environmentData: { environmentType: environment.environmentType },
      offerings: environment.offerings.map((offeringType) => ({ offeringType })),
    },
  };
}

export function registerSecurityConnectors(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get<{ Params: { subscriptionId: string } }>("/subscriptions/:subscriptionId/providers/Microsoft.Security/securityConnectors", async (request) => {
    requireApiVersion(request, "securityConnectors");
    const connectors = connectorsOf(ctx, subscriptionOf(ctx, request.params.subscriptionId));
    return pageOf(ctx, request, null, fromArray(connectors), (c) => connectorResource(ctx, c));
  });
  app.get<{ Params: { subscriptionId: string; resourceGroupName: string } }>(
    "/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.Security/securityConnectors",
    async (request) => {
      requireApiVersion(request, "securityConnectors");
      const subscription = subscriptionOf(ctx, request.params.subscriptionId);
      const inGroup = request.params.resourceGroupName.toLowerCase() === CONNECTOR_RESOURCE_GROUP;
      if (!inGroup) requireResourceGroup(subscription, request.params.resourceGroupName);
      return pageOf(ctx, request, null, fromArray(inGroup ? connectorsOf(ctx, subscription) : []), (c) => connectorResource(ctx, c));
    },
  );
  app.get<{ Params: { subscriptionId: string; resourceGroupName: string; securityConnectorName: string } }>(
    "/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.Security/securityConnectors/:securityConnectorName",
    async (request) => {
      requireApiVersion(request, "securityConnectors");
      return connectorResource(ctx, connectorOf(ctx, request.params));
    },
  );
}
