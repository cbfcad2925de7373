// How ARM addresses the world's Azure side: subscriptions by id, resources by their ARM id
// (case-insensitively, as ARM compares ids), and the ids ARM gives Defender's child resources.
import type { EmulatorContext } from "../core/context";
import type { Assessment, AssessmentMetadata, CloudResource, SubscriptionWorld } from "../world/azure";
import { ArmError, resourceGroupNotFound, resourceNotFound, subscriptionNotFound } from "./errors";

export interface ResourceRef {
  subscription: SubscriptionWorld;
  resource: CloudResource;
  resourceIndex: number;
}

interface Index {
  subscriptions: Map<string, SubscriptionWorld>;
  resources: Map<string, ResourceRef>;
  /** assessments of each resource: subscription id → resource index → assessment indexes. */
  assessmentsByResource: Map<string, number[][]>;
}

const indexes = new WeakMap<EmulatorContext, Index>();

// Resources and the assessment list never change after generation (mutations only flip
// statuses), so one index per world is safe.
function index(ctx: EmulatorContext): Index {
  let found = indexes.get(ctx);
  if (found) return found;
  found = { subscriptions: new Map(), resources: new Map(), assessmentsByResource: new Map() };
  for (const subscription of ctx.world.azure.subscriptions) {
    found.subscriptions.set(subscription.subscriptionId.toLowerCase(), subscription);
    subscription.resources.forEach((resource, resourceIndex) => found!.resources.set(resource.id.toLowerCase(), { subscription, resource, resourceIndex }));
    const byResource: number[][] = subscription.resources.map(() => []);
    subscription.assessments.forEach((a, i) => byResource[a.resourceIndex]!.push(i));
    found.assessmentsByResource.set(subscription.subscriptionId, byResource);
  }
  indexes.set(ctx, found);
  return found;
}

export function subscriptionOf(ctx: EmulatorContext, subscriptionId: string): SubscriptionWorld {
  const found = index(ctx).subscriptions.get(subscriptionId.toLowerCase());
  if (!found) throw subscriptionNotFound(subscriptionId);
  return found;
}

export function resourceGroupsOf(subscription: SubscriptionWorld): Set<string> {
  return new Set(subscription.resources.map((r) => r.resourceGroup.toLowerCase()));
}

export function requireResourceGroup(subscription: SubscriptionWorld, resourceGroup: string): void {
  if (!resourceGroupsOf(subscription).has(resourceGroup.toLowerCase())) throw resourceGroupNotFound(resourceGroup);
}

/** The resource named by the path parts of a resource-scoped call. */
export function resourceOf(ctx: EmulatorContext, params: { subscriptionId: string; resourceGroupName: string; namespace: string; type: string; name: string }): ResourceRef {
  const subscription = subscriptionOf(ctx, params.subscriptionId);
  requireResourceGroup(subscription, params.resourceGroupName);
  const id = `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroupName}/providers/${params.namespace}/${params.type}/${params.name}`;
  const found = index(ctx).resources.get(id.toLowerCase());
  if (!found) throw resourceNotFound(`${params.namespace}/${params.type}`, params.name, params.resourceGroupName);
  return found;
}

/** Indexes of the assessments on one resource. */
export function assessmentsOfResource(ctx: EmulatorContext, ref: ResourceRef): number[] {
  return index(ctx).assessmentsByResource.get(ref.subscription.subscriptionId)?.[ref.resourceIndex] ?? [];
}

export function metadataOf(ctx: EmulatorContext, assessment: Assessment): AssessmentMetadata {
  return ctx.world.azure.catalog[assessment.metadataIndex]!;
}

export function metadataByName(ctx: EmulatorContext, name: string): AssessmentMetadata | undefined {
  return ctx.world.azure.catalog.find((m) => m.name.toLowerCase() === name.toLowerCase());
}

export function assessmentId(ctx: EmulatorContext, subscription: SubscriptionWorld, assessment: Assessment): string {
  return `${subscription.resources[assessment.resourceIndex]!.id}/providers/Microsoft.Security/assessments/${metadataOf(ctx, assessment).name}`;
}

/** ARM's timestamps: UTC with seven fractional digits ("2021-04-12T09:07:18.6759138Z"). */
export function armTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

export function badRequest(message: string): ArmError {
  return new ArmError(400, "BadRequest", message);
}
