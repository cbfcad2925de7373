// Microsoft.Security/assessmentMetadata (2021-06-01): the recommendation catalog, at tenant
// level and per subscription (built-in entries only: the world has no custom ones).
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { AssessmentMetadata } from "../world/azure";
import { requireApiVersion } from "./api-versions";
import { securityNotFound } from "./errors";
import { fromArray, pageOf } from "./paging";
import { metadataByName, subscriptionOf } from "./world-view";

export const METADATA_TYPE = "Microsoft.Security/assessmentMetadata";

// The API's category enum predates container recommendations, which Defender files under
// Compute; the world's "Container" category is reported that way.
function apiCategory(category: AssessmentMetadata["category"]): string {
  return category === "Container" ? "Compute" : category;
}

/** SecurityAssessmentMetadataProperties: what assessments carry under $expand=metadata. */
export function metadataProperties(ctx: EmulatorContext, meta: AssessmentMetadata): Record<string, unknown> {
  return {
    displayName: meta.displayName,
    policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${Rng.of(ctx.world.seed, "policy-definition", meta.name).uuid()}`,
    description: meta.description,
    remediationDescription: meta.remediation,
    categories: [apiCategory(meta.category)],
    severity: meta.severity,
    userImpact: meta.userImpact,
    implementationEffort: meta.implementationEffort,
    threats: meta.threats,
    preview: false,
    assessmentType: "BuiltIn",
  };
}

function publishDate(ctx: EmulatorContext, meta: AssessmentMetadata): string {
  const date = new Date(ctx.world.now - Rng.of(ctx.world.seed, "metadata-published", meta.name).int(120, 1500) * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** SecurityAssessmentMetadataResponse. */
export function metadataResource(ctx: EmulatorContext, meta: AssessmentMetadata): Record<string, unknown> {
  const published = publishDate(ctx, meta);
  return {
    id: `/providers/${METADATA_TYPE}/${meta.name}`,
    name: meta.name,
    type: METADATA_TYPE,
    properties: { ...metadataProperties(ctx, meta), publishDates: { GA: published, public: published } },
  };
}

export function registerAssessmentMetadata(app: FastifyInstance, ctx: EmulatorContext): void {
  const catalog = () => fromArray(ctx.world.azure.catalog);
  const one = (name: string) => {
    const meta = metadataByName(ctx, name);
    if (!meta) throw securityNotFound("Assessment metadata", name);
    return metadataResource(ctx, meta);
  };

  app.get("/providers/Microsoft.Security/assessmentMetadata", async (request) => {
    requireApiVersion(request, "assessmentMetadata");
    return pageOf(ctx, request, null, catalog(), (m) => metadataResource(ctx, m));
  });
  app.get<{ Params: { assessmentMetadataName: string } }>("/providers/Microsoft.Security/assessmentMetadata/:assessmentMetadataName", async (request) => {
    requireApiVersion(request, "assessmentMetadata");
    return one(request.params.assessmentMetadataName);
  });
  app.get<{ Params: { subscriptionId: string } }>("/subscriptions/:subscriptionId/providers/Microsoft.Security/assessmentMetadata", async (request) => {
    requireApiVersion(request, "assessmentMetadata");
    subscriptionOf(ctx, request.params.subscriptionId);
    return pageOf(ctx, request, null, catalog(), (m) => metadataResource(ctx, m));
  });
  app.get<{ Params: { subscriptionId: string; assessmentMetadataName: string } }>(
    "/subscriptions/:subscriptionId/providers/Microsoft.Security/assessmentMetadata/:assessmentMetadataName",
    async (request) => {
      requireApiVersion(request, "assessmentMetadata");
      subscriptionOf(ctx, request.params.subscriptionId);
      return one(request.params.assessmentMetadataName);
    },
  );
}
