// api-version is required on every ARM call and each resource type accepts its own set.
// The sets are the versions this emulator serves with the shapes of ../shared/fixtures:
// what @azure/arm-security 5.0.0 sends, plus the versions Rampart calls through the pipeline.
import type { FastifyRequest } from "fastify";
import { ArmError } from "./errors";

export const API_VERSIONS = {
  // ARM's own subscriptions API (GET /subscriptions); any of its shapes is the same for us.
  subscriptions: ["2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01", "2022-12-01"],
  assessments: ["2021-06-01"],
  assessmentMetadata: ["2021-06-01"],
  subAssessments: ["2019-01-01-preview"],
  // 2021-11-01 is what the SDK sends; 2022-01-01 is the spec in the fixtures (same shape).
  alerts: ["2021-11-01", "2022-01-01"],
  secureScores: ["2020-01-01"],
  secureScoreControls: ["2020-01-01"],
  secureScoreControlDefinitions: ["2020-01-01"],
  securityConnectors: ["2023-10-01-preview"],
  devops: ["2024-04-01"],
  resourceGraph: ["2021-03-01", "2022-10-01", "2024-04-01"],
} as const;

export type ApiVersionGroup = keyof typeof API_VERSIONS;

/** Resource type names as ARM reports them in NoRegisteredProviderFound. */
const TYPE_NAMES: Record<ApiVersionGroup, string> = {
  subscriptions: "subscriptions",
  assessments: "assessments",
  assessmentMetadata: "assessmentMetadata",
  subAssessments: "subAssessments",
  alerts: "locations/alerts",
  secureScores: "secureScores",
  secureScoreControls: "secureScoreControls",
  secureScoreControlDefinitions: "secureScoreControlDefinitions",
  securityConnectors: "securityConnectors",
  devops: "securityConnectors/devops",
  resourceGraph: "resources",
};

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}(-(preview|privatepreview|alpha|beta))?$/;

/** The request's api-version if `group` serves it; throws ARM's 400 otherwise. */
export function requireApiVersion(request: FastifyRequest, group: ApiVersionGroup): string {
  const version = (request.query as Record<string, string | undefined>)["api-version"];
  const supported: readonly string[] = API_VERSIONS[group];
  if (!version) {
    throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (supported.includes(version)) return version;
  // ARM itself rejects malformed versions and versions of its own (non-provider) APIs…
  if (!WELL_FORMED.test(version) || group === "subscriptions") {
    throw new ArmError(400, "InvalidApiVersionParameter", `The api-version '${version}' is invalid. The supported versions are '${[...supported].reverse().join(",")}'.`);
  }
  // …while a provider type without that version is "not registered" for it.
  throw new ArmError(
    400,
    "NoRegisteredProviderFound",
    `No registered resource provider found for location 'global' and API version '${version}' for type '${TYPE_NAMES[group]}'. The supported api-versions are '${supported.join(", ")}'. The supported locations are ', global'.`,
  );
}
