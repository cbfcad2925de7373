// The real client, unchanged but for endpoint and credential: @azure/arm-security 5.0.0's
// SecurityCenter pages through the emulator and gets exactly the world's items, and its retry
// policy rides out injected 429s.
import { SecurityCenter } from "@azure/arm-security";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { admin, useEmulators } from "../test-support/start";
import { armCredential } from "./testing/arm-client";

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe("@azure/arm-security 5.0.0 against the ARM emulator", () => {
  const emulators = useEmulators(["arm"]);
  const ctx = () => emulators().ctx;
  const client = () => new SecurityCenter(armCredential(ctx()), ctx().world.azure.subscriptions[0]!.subscriptionId, { endpoint: ctx().urls.arm });

  beforeAll(async () => {
    await admin(emulators(), "PUT", "/arm/settings", { pageSize: 3 });
  });
  afterEach(async () => {
    await admin(emulators(), "DELETE", "/faults");
  });
  afterAll(async () => {
    await admin(emulators(), "DELETE", "/arm/settings");
  });

  async function readEverything(security: SecurityCenter) {
    const subscription = ctx().world.azure.subscriptions[0]!;
    const scope = `subscriptions/${subscription.subscriptionId}`;
    return {
      assessments: await collect(security.assessments.list(scope)),
      subAssessments: await collect(security.subAssessments.listAll(scope)),
      alerts: await collect(security.alerts.list()),
      secureScores: await collect(security.secureScores.list()),
      controls: await collect(security.secureScoreControls.list({ expand: "definition" })),
      definitions: await collect(security.secureScoreControlDefinitions.list()),
      metadata: await collect(security.assessmentsMetadata.list()),
    };
  }

  it("iterates every list across pages and gets exactly the world's items", async () => {
    const subscription = ctx().world.azure.subscriptions[0]!;
    const catalog = ctx().world.azure.catalog;
    const read = await readEverything(client());
    expect(read.assessments.map((a) => [a.name, a.status?.code, a.resourceDetails?.source])).toEqual(
      subscription.assessments.map((a) => [catalog[a.metadataIndex]!.name, a.status, "Azure"]),
    );
    expect(new Set(read.assessments.map((a) => a.id)).size).toBe(subscription.assessments.length);
    expect(read.subAssessments.map((s) => s.name)).toEqual(subscription.subAssessments.map((s) => s.id));
    expect(read.subAssessments.every((s) => s.additionalData?.assessedResourceType !== undefined)).toBe(true);
    expect(read.alerts.map((a) => [a.name, a.status, a.severity])).toEqual(subscription.alerts.map((a) => [a.name, a.status, a.severity]));
    expect(read.secureScores.map((s) => s.name)).toEqual(["ascScore"]);
    expect(read.secureScores[0]!.percentage).toBeGreaterThan(0);
    expect(read.controls).toHaveLength(read.definitions.length);
    expect(read.controls.every((c) => c.definition?.maxScore !== undefined)).toBe(true);
    expect(read.metadata.map((m) => m.name)).toEqual(catalog.map((m) => m.name));
  });

  it("reads one assessment with $expand and one sub-assessment through the SDK", async () => {
    const subscription = ctx().world.azure.subscriptions[0]!;
    const first = subscription.subAssessments[0]!;
    const assessment = subscription.assessments[first.assessmentIndex]!;
    const resourceId = subscription.resources[assessment.resourceIndex]!.id.slice(1);
    const name = ctx().world.azure.catalog[assessment.metadataIndex]!.name;
    const got = await client().assessments.get(resourceId, name, { expand: "metadata" });
    expect(got.status?.code).toBe(assessment.status);
    expect(got.metadata?.displayName).toBe(ctx().world.azure.catalog[assessment.metadataIndex]!.displayName);
    const sub = await client().subAssessments.get(resourceId, name, first.id);
    expect(sub.status?.severity).toBe(first.severity);
  });

  it("retries through injected 429s and still returns every item exactly once", async () => {
    await admin(emulators(), "POST", "/faults/seed", { seed: 7 });
    await admin(emulators(), "PUT", "/faults/arm", { rateLimitRate: 0.25, retryAfterSeconds: 0 });
    const read = await readEverything(client());
    const faults = (await admin(emulators(), "GET", "/faults")) as { arm: { injected: Record<string, number> } };
    expect(faults.arm.injected["rate-limit"]).toBeGreaterThan(0);
    const subscription = ctx().world.azure.subscriptions[0]!;
    expect(read.assessments).toHaveLength(subscription.assessments.length);
    expect(read.subAssessments.map((s) => s.name)).toEqual(subscription.subAssessments.map((s) => s.id));
    expect(read.alerts.map((a) => a.name)).toEqual(subscription.alerts.map((a) => a.name));
  });

  it("surfaces ARM's error code when the token is for the wrong audience", async () => {
    const wrong = { getToken: async () => ({ token: await (await import("../core/entra-tokens")).signEntraToken(ctx(), { aud: "https://graph.microsoft.com", sub: "x" }), expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const security = new SecurityCenter(wrong, ctx().world.azure.subscriptions[0]!.subscriptionId, { endpoint: ctx().urls.arm, retryOptions: { maxRetries: 0 } });
    await expect(collect(security.alerts.list())).rejects.toMatchObject({ statusCode: 401, code: "InvalidAuthenticationTokenAudience" });
  });
});
