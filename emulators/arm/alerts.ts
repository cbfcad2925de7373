// Microsoft.Security/locations/alerts (2021-11-01 from the SDK, 2022-01-01 in the spec; the
// same shape): Defender's security alerts, listed per subscription, resource group and ASC
// location, read one by one, and moved between states.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { SecurityAlert, SubscriptionWorld } from "../world/azure";
import { requireApiVersion } from "./api-versions";
import { securityNotFound } from "./errors";
import { fromArray, pageOf } from "./paging";
import { armTime, requireResourceGroup, subscriptionOf } from "./world-view";

const PRODUCT_COMPONENT: Record<string, string> = {
  "Microsoft.Compute/virtualMachines": "Servers",
  "Microsoft.Storage/storageAccounts": "Storage",
  "Microsoft.ContainerService/managedClusters": "Containers",
  "Microsoft.ContainerRegistry/registries": "Containers",
  "Microsoft.KeyVault/vaults": "KeyVaults",
  "Microsoft.Sql/servers": "Databases",
  "Microsoft.Web/sites": "AppServices",
};

function alertId(subscription: SubscriptionWorld, alert: SecurityAlert): string {
  const rg = subscription.resources[alert.resourceIndex]!.resourceGroup;
  return `/subscriptions/${subscription.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Security/locations/${alert.location}/alerts/${alert.name}`;
}

/** The Alert resource for one of the world's alerts. */
export function alertResource(ctx: EmulatorContext, subscription: SubscriptionWorld, alert: SecurityAlert): Record<string, unknown> {
  const resource = subscription.resources[alert.resourceIndex]!;
  const rng = Rng.of(ctx.world.seed, "alert-details", alert.name);
  return {
    id: alertId(subscription, alert),
    name: alert.name,
    type: "Microsoft.Security/Locations/alerts",
    properties: {
      version: "2022-01-01",
      alertType: alert.alertType,
      systemAlertId: alert.name,
      productComponentName: PRODUCT_COMPONENT[resource.type] ?? "Arm",
      alertDisplayName: alert.displayName,
      description: alert.description,
      severity: alert.severity,
      intent: alert.intent,
      startTimeUtc: armTime(alert.startTime),
      endTimeUtc: armTime(alert.endTime),
      resourceIdentifiers: [{ type: "AzureResource", azureResourceId: resource.id }],
      remediationSteps: alert.remediationSteps,
      vendorName: "Microsoft",
      status: alert.status,
      extendedLinks: [],
      alertUri: `https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/${alert.name}/subscriptionId/${subscription.subscriptionId}/resourceGroup/${resource.resourceGroup}/referencedFrom/alertDeepLink/location/${alert.location}`,
      timeGeneratedUtc: armTime(alert.timeGenerated),
      productName: "Microsoft Defender for Cloud",
      processingEndTimeUtc: armTime(alert.timeGenerated + 60_000),
      entities: [{ type: "azure-resource", resourceId: resource.id }],
      isIncident: false,
      correlationKey: Buffer.from(rng.hex(32), "hex").toString("base64"),
      extendedProperties: { "resourceType": resource.type.split("/")[1] ?? resource.type, "killChainIntent": alert.intent },
      compromisedEntity: resource.name,
      techniques: [],
      subTechniques: [],
    },
  };
}

interface Scope {
  subscriptionId: string;
  resourceGroupName?: string;
  ascLocation?: string;
}

function alertsIn(ctx: EmulatorContext, scope: Scope): { subscription: SubscriptionWorld; alerts: SecurityAlert[] } {
  const subscription = subscriptionOf(ctx, scope.subscriptionId);
  if (scope.resourceGroupName) requireResourceGroup(subscription, scope.resourceGroupName);
  const rg = scope.resourceGroupName?.toLowerCase();
  const location = scope.ascLocation?.toLowerCase();
  const alerts = subscription.alerts.filter(
    (a) => (!rg || subscription.resources[a.resourceIndex]!.resourceGroup.toLowerCase() === rg) && (!location || a.location === location),
  );
  return { subscription, alerts };
}

function findAlert(ctx: EmulatorContext, scope: Scope & { alertName: string }): { subscription: SubscriptionWorld; alert: SecurityAlert } {
  const { subscription, alerts } = alertsIn(ctx, scope);
  const alert = alerts.find((a) => a.name.toLowerCase() === scope.alertName.toLowerCase());
  if (!alert) throw securityNotFound("Alert", scope.alertName);
  return { subscription, alert };
}

const TRANSITIONS: Record<string, SecurityAlert["status"]> = { dismiss: "Dismissed", resolve: "Resolved", activate: "Active", inProgress: "InProgress" };

export function registerAlerts(app: FastifyInstance, ctx: EmulatorContext): void {
  const list = (request: FastifyRequest<{ Params: Scope }>) => {
    requireApiVersion(request, "alerts");
    const { subscription, alerts } = alertsIn(ctx, request.params);
    return pageOf(ctx, request, "alerts", fromArray(alerts), (a) => alertResource(ctx, subscription, a));
  };
  const SUB = "/subscriptions/:subscriptionId/providers/Microsoft.Security";
  const RG = "/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.Security";

  for (const prefix of [SUB, RG]) {
    app.get<{ Params: Scope }>(`${prefix}/alerts`, async (request) => list(request));
    app.get<{ Params: Scope }>(`${prefix}/locations/:ascLocation/alerts`, async (request) => list(request));
    app.get<{ Params: Scope & { alertName: string } }>(`${prefix}/locations/:ascLocation/alerts/:alertName`, async (request) => {
      requireApiVersion(request, "alerts");
      const { subscription, alert } = findAlert(ctx, request.params);
      return alertResource(ctx, subscription, alert);
    });
    for (const [action, status] of Object.entries(TRANSITIONS)) {
      app.post<{ Params: Scope & { alertName: string } }>(`${prefix}/locations/:ascLocation/alerts/:alertName/${action}`, async (request, reply) => {
        requireApiVersion(request, "alerts");
        findAlert(ctx, request.params).alert.status = status;
        return reply.code(204).send();
      });
    }
  }
}
