// Microsoft.Security/assessments/subAssessments (2019-01-01-preview): the individual
// vulnerability findings behind vulnerability recommendations, per resource type in the
// additionalData shape Defender uses for it (servers, container images, SQL).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { SubAssessment, SubscriptionWorld } from "../world/azure";
import { RESOURCE_SCOPE, type ResourceParams } from "./assessments";
import { requireApiVersion } from "./api-versions";
import { securityNotFound } from "./errors";
import { fromArray, pageOf } from "./paging";
import { armTime, assessmentId, metadataOf, resourceOf, subscriptionOf, type ResourceRef } from "./world-view";

const CVSS_RANGE: Record<SubAssessment["severity"], [number, number]> = { High: [7, 9.8], Medium: [4, 6.9], Low: [0.1, 3.9] };

function additionalData(ctx: EmulatorContext, subscription: SubscriptionWorld, sub: SubAssessment): Record<string, unknown> {
  const resource = subscription.resources[subscription.assessments[sub.assessmentIndex]!.resourceIndex]!;
  const rng = Rng.of(ctx.world.seed, "sub-assessment-details", sub.id);
  if (resource.type === "Microsoft.Sql/servers") {
    return { assessedResourceType: "SqlServerVulnerability", type: "Database", query: `SELECT name FROM sys.databases WHERE is_encrypted = 0 -- ${sub.cve}` };
  }
  const [lo, hi] = CVSS_RANGE[sub.severity];
  const common = {
    type: "Vulnerability",
    cvss: { "3.0": { base: Math.round((lo + rng.next() * (hi - lo)) * 10) / 10 } },
    patchable: sub.patchable,
    cve: [{ title: sub.cve, link: `https://nvd.nist.gov/vuln/detail/${sub.cve}` }],
    publishedTime: armTime(sub.timeGenerated - rng.int(30, 700) * 86_400_000),
    vendorReferences: [{ title: `${sub.title} advisory`, link: `https://msrc.microsoft.com/update-guide/vulnerability/${sub.cve}` }],
  };
  if (resource.type === "Microsoft.Compute/virtualMachines") {
    return { assessedResourceType: "ServerVulnerability", ...common, threat: "Successful exploitation could allow a local attacker to gain elevated privileges." };
  }
  return { assessedResourceType: "ContainerRegistryVulnerability", ...common, repositoryName: sub.repositoryName, imageDigest: sub.imageDigest };
}

/** SecuritySubAssessment for one of the world's findings. */
export function subAssessmentResource(ctx: EmulatorContext, subscription: SubscriptionWorld, sub: SubAssessment): Record<string, unknown> {
  const assessment = subscription.assessments[sub.assessmentIndex]!;
  const resource = subscription.resources[assessment.resourceIndex]!;
  const qid = 100_000 + (Rng.of(ctx.world.seed, "qid", sub.cve).int(0, 899_999));
  return {
    id: `${assessmentId(ctx, subscription, assessment)}/subAssessments/${sub.id}`,
    name: sub.id,
    type: "Microsoft.Security/assessments/subAssessments",
    properties: {
      id: String(qid),
      displayName: `${sub.cve}: ${sub.title}`,
      status: { code: sub.status, severity: sub.severity, cause: "", description: sub.status === "Unhealthy" ? "The resource is unhealthy" : "The resource is healthy" },
      remediation: sub.patchable ? "Install the vendor's update that fixes this vulnerability." : "No patch is available yet; apply the vendor's mitigation.",
      impact: sub.severity === "High" ? "4" : sub.severity === "Medium" ? "3" : "2",
      category: "Vulnerability",
      description: `${sub.title} (${sub.cve}) affects a package on ${resource.name}.`,
      timeGenerated: armTime(sub.timeGenerated),
      resourceDetails: { source: "Azure", id: resource.id },
      additionalData: additionalData(ctx, subscription, sub),
    },
  };
}

interface Filter {
  resourceIndex?: number;
  assessmentName?: string;
}

function select(ctx: EmulatorContext, subscription: SubscriptionWorld, filter: Filter): SubAssessment[] {
  const name = filter.assessmentName?.toLowerCase();
  return subscription.subAssessments.filter((sub) => {
    const assessment = subscription.assessments[sub.assessmentIndex]!;
    if (filter.resourceIndex !== undefined && assessment.resourceIndex !== filter.resourceIndex) return false;
    return name === undefined || metadataOf(ctx, assessment).name.toLowerCase() === name;
  });
}

export function registerSubAssessments(app: FastifyInstance, ctx: EmulatorContext): void {
  const list = (request: FastifyRequest, subscription: SubscriptionWorld, filter: Filter) =>
    pageOf(ctx, request, "subAssessments", fromArray(select(ctx, subscription, filter)), (s) => subAssessmentResource(ctx, subscription, s));
  const scoped = (params: ResourceParams): ResourceRef => resourceOf(ctx, params);
  const SUB = "/subscriptions/:subscriptionId/providers/Microsoft.Security";
  const RES = `${RESOURCE_SCOPE}/providers/Microsoft.Security`;

  app.get<{ Params: { subscriptionId: string } }>(`${SUB}/subAssessments`, async (request) => {
    requireApiVersion(request, "subAssessments");
    return list(request, subscriptionOf(ctx, request.params.subscriptionId), {});
  });
  app.get<{ Params: ResourceParams }>(`${RES}/subAssessments`, async (request) => {
    requireApiVersion(request, "subAssessments");
    const ref = scoped(request.params);
    return list(request, ref.subscription, { resourceIndex: ref.resourceIndex });
  });
  app.get<{ Params: { subscriptionId: string; assessmentName: string } }>(`${SUB}/assessments/:assessmentName/subAssessments`, async (request) => {
    requireApiVersion(request, "subAssessments");
    return list(request, subscriptionOf(ctx, request.params.subscriptionId), { assessmentName: request.params.assessmentName });
  });
  app.get<{ Params: ResourceParams & { assessmentName: string } }>(`${RES}/assessments/:assessmentName/subAssessments`, async (request) => {
    requireApiVersion(request, "subAssessments");
    const ref = scoped(request.params);
    return list(request, ref.subscription, { resourceIndex: ref.resourceIndex, assessmentName: request.params.assessmentName });
  });
  app.get<{ Params: ResourceParams & { assessmentName: string; subAssessmentName: string } }>(
    `${RES}/assessments/:assessmentName/subAssessments/:subAssessmentName`,
    async (request) => {
      requireApiVersion(request, "subAssessments");
      const ref = scoped(request.params);
      const wanted = request.params.subAssessmentName.toLowerCase();
      const found = select(ctx, ref.subscription, { resourceIndex: ref.resourceIndex, assessmentName: request.params.assessmentName }).find((s) => s.id === wanted);
      if (!found) throw securityNotFound("Sub-assessment", request.params.subAssessmentName);
      return subAssessmentResource(ctx, ref.subscription, found);
    },
  );
}
