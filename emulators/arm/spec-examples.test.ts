// The validator itself: Microsoft's own example responses must pass the schemas compiled from
// the specs, and small corruptions of them must fail, or the emulator checks prove nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SPEC_FILES } from "./testing/specs";
import { SwaggerSchemas, findExample } from "./testing/swagger-schemas";

interface Example {
  responses: Record<string, { body?: unknown }>;
}

const schemas = new SwaggerSchemas({ strict: true });

const cases = Object.entries(SPEC_FILES).flatMap(([name, rel]) => {
  const file = schemas.load(rel);
  const dir = rel.split("/spec/")[0]!;
  return schemas.operations(file).flatMap((op) =>
    op.examples.flatMap((ref) => {
      const found = findExample(dir, ref);
      if (!found) return [];
      const example = JSON.parse(readFileSync(found, "utf8")) as Example;
      return Object.entries(example.responses)
        .filter(([status, response]) => op.responses[status]?.schema && response.body !== undefined)
        .map(([status, response]) => ({ name, file, operationId: op.operationId, status, example: path.basename(found), body: response.body }));
    }),
  );
});

describe("the owners' examples validate against the compiled spec schemas", () => {
  it("finds examples for every spec the fixtures carry examples of", () => {
    // The fixtures hold no assessmentMetadata examples (see fixtures/README.md).
    const withExamples = Object.keys(SPEC_FILES).filter((name) => name !== "assessmentMetadata");
    expect(new Set(cases.map((c) => c.name))).toEqual(new Set(withExamples));
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [`${c.operationId} ${c.status} (${c.example})`, c] as const))("%s", (_label, c) => {
    expect(() => schemas.check(c.file, c.operationId, c.body, c.status)).not.toThrow();
  });
});

describe("the validator rejects what the specs do not allow", () => {
  const subAssessments = schemas.load(SPEC_FILES.subAssessments);
  const example = JSON.parse(readFileSync(findExample("azure-security/2019-01-01-preview", "ListSubscriptionSubAssessments_example.json")!, "utf8")) as Example;
  const body = () => structuredClone(example.responses["200"]!.body) as { value: { properties: Record<string, Record<string, unknown>> }[] } & Record<string, unknown>;
  const rejects = (mutate: (b: ReturnType<typeof body>) => void) => {
    const b = body();
    mutate(b);
    return () => schemas.check(subAssessments, "SubAssessments_ListAll", b);
  };

  it("rejects unknown properties at every depth, including polymorphic subtypes", () => {
    expect(rejects((b) => (b.bogus = 1))).toThrow(/unevaluated/);
    expect(rejects((b) => (b.value[0]!.properties.bogus = {}))).toThrow(/unevaluated/);
    expect(rejects((b) => (b.value[0]!.properties.resourceDetails!.bogus = 1))).toThrow(/unevaluated/);
    // `query` belongs to the SQL subtype, not to container-registry findings.
    expect(rejects((b) => (b.value[0]!.properties.additionalData!.query = "x"))).toThrow(/unevaluated/);
  });

  it("rejects wrong types, enum values and formats", () => {
    expect(rejects((b) => (b.value[0]!.properties.additionalData!.patchable = "yes"))).toThrow(/boolean/);
    expect(rejects((b) => (b.value[0]!.properties.status!.code = "Fine"))).toThrow(/allowed values/);
    expect(rejects((b) => ((b.value[0]!.properties as Record<string, unknown>).timeGenerated = "yesterday"))).toThrow(/date-time/);
  });

  it("accepts server vulnerabilities as the service sends them (spec discriminator corrected)", () => {
    expect(
      rejects((b) => {
        const data = b.value[0]!.properties.additionalData!;
        data.assessedResourceType = "ServerVulnerability";
        delete data.imageDigest;
        delete data.repositoryName;
        data.threat = "Local privilege escalation";
      }),
    ).not.toThrow();
  });
});
