// ARM's own GET /subscriptions and /subscriptions/{id}: the world's subscriptions, all visible
// to any principal of the tenant (the demo's workload identity is Reader everywhere).
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { SubscriptionWorld } from "../world/azure";
import { requireApiVersion } from "./api-versions";
import { fromArray, pageOf } from "./paging";
import { subscriptionOf } from "./world-view";

function subscriptionResource(subscription: SubscriptionWorld): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    tags: {},
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "EnterpriseAgreement_2014-09-01", spendingLimit: "Off" },
  };
}

export function registerSubscriptions(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/subscriptions", async (request) => {
    requireApiVersion(request, "subscriptions");
    const page = pageOf(ctx, request, null, fromArray(ctx.world.azure.subscriptions), subscriptionResource);
    return { ...page, count: { type: "Total", value: ctx.world.azure.subscriptions.length } };
  });
  app.get<{ Params: { subscriptionId: string } }>("/subscriptions/:subscriptionId", async (request) => {
    requireApiVersion(request, "subscriptions");
    return subscriptionResource(subscriptionOf(ctx, request.params.subscriptionId));
  });
}
