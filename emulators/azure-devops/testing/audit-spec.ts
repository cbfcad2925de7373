// The Azure DevOps audit spec (vsts-rest-api-specs 7.1) compiled for response checks. The
// service's serializer writes nulls for absent optional values (the owners' own example has
// "ipAddress": null), so optional properties may be null; everything else is strict.
import { readFileSync } from "node:fs";
import path from "node:path";
import { SwaggerSchemas, FIXTURES } from "../../arm/testing/swagger-schemas";

export const AUDIT_SPEC = "azure-devops-audit/7.1/audit.json";

export function auditSpec(): { check: (operationId: "Audit Log_Query" | "Actions_List", body: unknown) => void; schemas: SwaggerSchemas; file: string } {
  const schemas = new SwaggerSchemas({ strict: true, nullableOptional: true });
  const file = schemas.load(AUDIT_SPEC);
  return { schemas, file, check: (operationId, body) => schemas.check(file, operationId, body) };
}

interface HttpExample {
  responses: Record<string, { body: unknown }>;
  "x-ms-vss-format"?: number;
}

/**
 * The response body an httpExamples file documents. Format 2 examples wrap the body in
 * { value }, format 1 examples of list operations show the { count, value } collection wrapper.
 */
export function exampleBody(relative: string): { body: unknown; wrapped: unknown } {
  const example = JSON.parse(readFileSync(path.join(FIXTURES, "azure-devops-audit/7.1/httpExamples", relative), "utf8")) as HttpExample;
  const wrapped = example.responses["200"]!.body;
  return { body: (wrapped as { value: unknown }).value, wrapped };
}
