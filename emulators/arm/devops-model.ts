// The DevOps security connectors of the world: every subscription has one GitHub and one
// Azure DevOps connector, and each GitHub org / Azure DevOps org is onboarded to exactly one
// subscription's connector (round-robin), so the connectors together cover the whole world.
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { SubscriptionWorld } from "../world/azure";
import type { AdoOrg } from "../world/azure-devops";
import type { Organization } from "../world/github";
import { securityNotFound } from "./errors";
import { armTime, subscriptionOf } from "./world-view";

export const CONNECTOR_RESOURCE_GROUP = "rg-defender-devops";
export const CONNECTOR_LOCATION = "westeurope";

export type ConnectorKind = "github" | "azureDevOps";

export interface Connector {
  kind: ConnectorKind;
  subscription: SubscriptionWorld;
  subscriptionIndex: number;
  name: string;
  id: string;
  hierarchyIdentifier: string;
  createdAt: number;
}

const NAMES: Record<ConnectorKind, string> = { github: "github-connector", azureDevOps: "azuredevops-connector" };

export function connectorsOf(ctx: EmulatorContext, subscription: SubscriptionWorld): Connector[] {
  const subscriptionIndex = ctx.world.azure.subscriptions.indexOf(subscription);
  return (["github", "azureDevOps"] as const).map((kind) => {
    const rng = Rng.of(ctx.world.seed, "security-connector", subscriptionIndex, kind);
    const name = NAMES[kind];
    return {
      kind,
      subscription,
      subscriptionIndex,
      name,
      id: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${CONNECTOR_RESOURCE_GROUP}/providers/Microsoft.Security/securityConnectors/${name}`,
      hierarchyIdentifier: rng.uuid(),
      createdAt: ctx.world.now - rng.int(60, 400) * 86_400_000,
    };
  });
}

/** The connector named in a path, or ARM's 404. */
export function connectorOf(ctx: EmulatorContext, params: { subscriptionId: string; resourceGroupName: string; securityConnectorName: string }): Connector {
  const subscription = subscriptionOf(ctx, params.subscriptionId);
  const found = params.resourceGroupName.toLowerCase() === CONNECTOR_RESOURCE_GROUP
    ? connectorsOf(ctx, subscription).find((c) => c.name === params.securityConnectorName.toLowerCase())
    : undefined;
  if (!found) throw securityNotFound("Security connector", params.securityConnectorName);
  return found;
}

function onboardedHere<T>(ctx: EmulatorContext, connector: Connector, items: readonly T[]): T[] {
  const subscriptions = ctx.world.azure.subscriptions.length;
  return items.filter((_, i) => i % subscriptions === connector.subscriptionIndex);
}

export function gitHubOwnersOf(ctx: EmulatorContext, connector: Connector): Organization[] {
  return connector.kind === "github" ? onboardedHere(ctx, connector, ctx.world.github.orgs) : [];
}

export function azureDevOpsOrgsOf(ctx: EmulatorContext, connector: Connector): AdoOrg[] {
  return connector.kind === "azureDevOps" ? onboardedHere(ctx, connector, ctx.world.azureDevOps) : [];
}

/** systemData as the RP stamps it on connector resources. */
export function systemData(ctx: EmulatorContext, connector: Connector): Record<string, string> {
  const admin = ctx.world.entra.users[1] ?? ctx.world.entra.users[0];
  return {
    createdBy: admin?.upn ?? "admin@contoso.com",
    createdByType: "User",
    createdAt: armTime(connector.createdAt),
    lastModifiedBy: admin?.upn ?? "admin@contoso.com",
    lastModifiedByType: "User",
    lastModifiedAt: armTime(connector.createdAt),
  };
}
