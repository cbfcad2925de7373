// The owners' specs each emulator response is checked against, loaded once per test file.
import { SwaggerSchemas } from "./swagger-schemas";

export const SPEC_FILES = {
  assessments: "azure-security/2021-06-01/spec/assessments.json",
  assessmentMetadata: "azure-security/2021-06-01/spec/assessmentMetadata.json",
  subAssessments: "azure-security/2019-01-01-preview/spec/subAssessments.json",
  alerts: "azure-security/2022-01-01/spec/alerts.json",
  secureScore: "azure-security/2020-01-01/spec/secureScore.json",
  securityConnectors: "azure-security/2023-10-01-preview/spec/securityConnectors.json",
  devops: "azure-security/2024-04-01/spec/securityConnectorsDevOps.json",
  resourceGraph: "azure-resourcegraph/2024-04-01/spec/resourcegraph.json",
} as const;

export type SpecName = keyof typeof SPEC_FILES;

/** Strict validators for the Azure specs: `check("alerts", "Alerts_List", body)`. */
export function azureSpecs(): { schemas: SwaggerSchemas; check: (spec: SpecName, operationId: string, body: unknown) => void } {
  const schemas = new SwaggerSchemas({ strict: true });
  const files = Object.fromEntries(Object.entries(SPEC_FILES).map(([name, rel]) => [name, schemas.load(rel)])) as Record<SpecName, string>;
  return { schemas, check: (spec, operationId, body) => schemas.check(files[spec], operationId, body) };
}
