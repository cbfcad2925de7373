// Microsoft.Security/assessments (2021-06-01): Defender's recommendation results per resource,
// listed at subscription or resource scope, and read one by one with $expand=links,metadata.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { hashString } from "../core/random";
import type { Assessment, SubscriptionWorld } from "../world/azure";
import { metadataProperties } from "./assessment-metadata";
import { requireApiVersion } from "./api-versions";
import { securityNotFound } from "./errors";
import { fromArray, pageOf, type Source } from "./paging";
import { armTime, assessmentId, assessmentsOfResource, badRequest, metadataOf, resourceOf, subscriptionOf } from "./world-view";

export const RESOURCE_SCOPE = "/subscriptions/:subscriptionId/resourceGroups/:resourceGroupName/providers/:namespace/:type/:name";
export type ResourceParams = { subscriptionId: string; resourceGroupName: string; namespace: string; type: string; name: string };

const NOT_APPLICABLE: [string, string][] = [
  ["OffByPolicy", "The effective policy for the assessment was evaluated to off - use Microsoft.Authorization/policyAssignments to turn this assessment on"],
  ["Exempt", "This resource is exempted from the assessment by an exemption in Microsoft.Authorization/policyExemptions"],
  ["NotApplicableResourceType", "The assessment does not apply to this resource type configuration"],
];

type Expand = Set<"links" | "metadata">;

export function parseExpand(request: FastifyRequest): Expand {
  const raw = (request.query as Record<string, string | undefined>).$expand;
  const expand: Expand = new Set();
  for (const part of (raw ?? "").split(",").map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    if (part !== "links" && part !== "metadata") throw badRequest(`The value '${raw}' of the $expand query parameter is invalid. Supported values are 'links' and 'metadata'.`);
    expand.add(part);
  }
  return expand;
}

function status(assessment: Assessment, key: string): Record<string, string> {
  const dates = { firstEvaluationDate: armTime(assessment.firstEvaluationDate), statusChangeDate: armTime(assessment.statusChangeDate) };
  if (assessment.status !== "NotApplicable") return { code: assessment.status, ...dates };
  const [cause, description] = NOT_APPLICABLE[hashString(key) % NOT_APPLICABLE.length]!;
  return { code: "NotApplicable", cause, description, ...dates };
}

/** SecurityAssessmentResponse for one of the world's assessments. */
export function assessmentResource(ctx: EmulatorContext, subscription: SubscriptionWorld, assessment: Assessment, expand: Expand = new Set()): Record<string, unknown> {
  const meta = metadataOf(ctx, assessment);
  const id = assessmentId(ctx, subscription, assessment);
  const resource = subscription.resources[assessment.resourceIndex]!;
  const properties: Record<string, unknown> = {
    resourceDetails: { source: "Azure", id: resource.id },
    displayName: meta.displayName,
    status: status(assessment, id),
  };
  if (meta.hasSubAssessments) properties.additionalData = { subAssessmentsLink: `${id}/subAssessments` };
  if (expand.has("links")) {
    properties.links = { azurePortalUri: `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${meta.name}/showSecurityCenterCommandBar~/false` };
  }
  if (expand.has("metadata")) properties.metadata = metadataProperties(ctx, meta);
  return { id, name: meta.name, type: "Microsoft.Security/assessments", properties };
}

export function registerAssessments(app: FastifyInstance, ctx: EmulatorContext): void {
  const list = (request: FastifyRequest, subscription: SubscriptionWorld, source: Source<Assessment>) =>
    pageOf(ctx, request, "assessments", source, (a) => assessmentResource(ctx, subscription, a));

  app.get<{ Params: { subscriptionId: string } }>("/subscriptions/:subscriptionId/providers/Microsoft.Security/assessments", async (request) => {
    requireApiVersion(request, "assessments");
    const subscription = subscriptionOf(ctx, request.params.subscriptionId);
    return list(request, subscription, fromArray(subscription.assessments));
  });

  app.get<{ Params: ResourceParams }>(`${RESOURCE_SCOPE}/providers/Microsoft.Security/assessments`, async (request) => {
    requireApiVersion(request, "assessments");
    const ref = resourceOf(ctx, request.params);
    const own = assessmentsOfResource(ctx, ref).map((i) => ref.subscription.assessments[i]!);
    return list(request, ref.subscription, fromArray(own));
  });

  app.get<{ Params: ResourceParams & { assessmentName: string } }>(`${RESOURCE_SCOPE}/providers/Microsoft.Security/assessments/:assessmentName`, async (request) => {
    requireApiVersion(request, "assessments");
    const expand = parseExpand(request);
    const ref = resourceOf(ctx, request.params);
    const wanted = request.params.assessmentName.toLowerCase();
    const index = assessmentsOfResource(ctx, ref).find((i) => metadataOf(ctx, ref.subscription.assessments[i]!).name.toLowerCase() === wanted);
    if (index === undefined) throw securityNotFound("Assessment", request.params.assessmentName);
    return assessmentResource(ctx, ref.subscription, ref.subscription.assessments[index]!, expand);
  });

  // Assessments of the subscription resource itself: the world has none, as ARM would say.
  app.get<{ Params: { subscriptionId: string; assessmentName: string } }>(
    "/subscriptions/:subscriptionId/providers/Microsoft.Security/assessments/:assessmentName",
    async (request) => {
      requireApiVersion(request, "assessments");
      parseExpand(request);
      subscriptionOf(ctx, request.params.subscriptionId);
      throw securityNotFound("Assessment", request.params.assessmentName);
    },
  );
}
