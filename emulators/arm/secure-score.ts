// Microsoft.Security secureScores, secureScoreControls and secureScoreControlDefinitions
// (2020-01-01). Only the built-in "ascScore" initiative exists, as in a tenant without custom
// initiatives. These lists are small and the service returns them whole.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import { requireApiVersion } from "./api-versions";
import { securityNotFound } from "./errors";
import { fromArray, pageOf } from "./paging";
import { controlDefinitions, controlScores, secureScore, type ControlDefinition, type ControlScore } from "./secure-score-model";
import { badRequest, subscriptionOf } from "./world-view";

const SCORE_NAME = "ascScore";
const DEFINITION_TYPE = "Microsoft.Security/secureScoreControlDefinitions";

function definitionResource(definition: ControlDefinition): Record<string, unknown> {
  return {
    id: `/providers/${DEFINITION_TYPE}/${definition.id}`,
    name: definition.id,
    type: DEFINITION_TYPE,
    properties: {
      source: { sourceType: "BuiltIn" },
      displayName: definition.displayName,
      description: definition.description,
      maxScore: definition.maxScore,
      assessmentDefinitions: definition.assessmentNames.map((name) => ({ id: `/providers/Microsoft.Security/assessmentMetadata/${name}` })),
    },
  };
}

function controlResource(subscriptionId: string, control: ControlScore, expandDefinition: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    displayName: control.definition.displayName,
    healthyResourceCount: control.healthy,
    unhealthyResourceCount: control.unhealthy,
    notApplicableResourceCount: control.notApplicable,
    score: { max: control.max, current: control.current, percentage: control.percentage },
    weight: control.healthy + control.unhealthy,
  };
  if (expandDefinition) properties.definition = definitionResource(control.definition);
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/${SCORE_NAME}/secureScoreControls/${control.definition.id}`,
    name: control.definition.id,
    type: "Microsoft.Security/secureScores/secureScoreControls",
    properties,
  };
}

function scoreResource(ctx: EmulatorContext, subscriptionId: string): Record<string, unknown> {
  const score = secureScore(controlScores(ctx, subscriptionOf(ctx, subscriptionId)));
  return {
    id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/secureScores/${SCORE_NAME}`,
    name: SCORE_NAME,
    type: "Microsoft.Security/secureScores",
    properties: { displayName: "ASC score", score: { max: score.max, current: score.current, percentage: score.percentage }, weight: score.weight },
  };
}

function expandsDefinition(query: unknown): boolean {
  const expand = (query as Record<string, string | undefined>).$expand;
  if (expand === undefined || expand === "") return false;
  if (expand.toLowerCase() !== "definition") throw badRequest(`The value '${expand}' of the $expand query parameter is invalid. The supported value is 'definition'.`);
  return true;
}

export function registerSecureScores(app: FastifyInstance, ctx: EmulatorContext): void {
  const SUB = "/subscriptions/:subscriptionId/providers/Microsoft.Security";

  app.get<{ Params: { subscriptionId: string } }>(`${SUB}/secureScores`, async (request) => {
    requireApiVersion(request, "secureScores");
    return pageOf(ctx, request, null, fromArray([scoreResource(ctx, request.params.subscriptionId)]), (s) => s);
  });
  app.get<{ Params: { subscriptionId: string; secureScoreName: string } }>(`${SUB}/secureScores/:secureScoreName`, async (request) => {
    requireApiVersion(request, "secureScores");
    subscriptionOf(ctx, request.params.subscriptionId);
    if (request.params.secureScoreName.toLowerCase() !== SCORE_NAME.toLowerCase()) throw securityNotFound("Secure score", request.params.secureScoreName);
    return scoreResource(ctx, request.params.subscriptionId);
  });
  app.get<{ Params: { subscriptionId: string; secureScoreName: string } }>(`${SUB}/secureScores/:secureScoreName/secureScoreControls`, async (request) => {
    requireApiVersion(request, "secureScoreControls");
    const expand = expandsDefinition(request.query);
    const subscription = subscriptionOf(ctx, request.params.subscriptionId);
    if (request.params.secureScoreName.toLowerCase() !== SCORE_NAME.toLowerCase()) throw securityNotFound("Secure score", request.params.secureScoreName);
    return pageOf(ctx, request, null, fromArray(controlScores(ctx, subscription)), (c) => controlResource(subscription.subscriptionId, c, expand));
  });
  app.get<{ Params: { subscriptionId: string } }>(`${SUB}/secureScoreControls`, async (request) => {
    requireApiVersion(request, "secureScoreControls");
    const expand = expandsDefinition(request.query);
    const subscription = subscriptionOf(ctx, request.params.subscriptionId);
    return pageOf(ctx, request, null, fromArray(controlScores(ctx, subscription)), (c) => controlResource(subscription.subscriptionId, c, expand));
  });
  app.get("/providers/Microsoft.Security/secureScoreControlDefinitions", async (request) => {
    requireApiVersion(request, "secureScoreControlDefinitions");
    return pageOf(ctx, request, null, fromArray(controlDefinitions(ctx)), definitionResource);
  });
  app.get<{ Params: { subscriptionId: string } }>(`${SUB}/secureScoreControlDefinitions`, async (request) => {
    requireApiVersion(request, "secureScoreControlDefinitions");
    subscriptionOf(ctx, request.params.subscriptionId);
    return pageOf(ctx, request, null, fromArray(controlDefinitions(ctx)), definitionResource);
  });
}
