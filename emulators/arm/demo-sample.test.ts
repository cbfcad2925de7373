// A sample at demo scale with the service's own page sizes: the SDK reads each subscription's
// assessments, sub-assessments and alerts completely, the raw pages validate, and Resource
// Graph agrees with ARM on the totals.
import { SecurityCenter } from "@azure/arm-security";
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { armCredential, armListAll, armPost } from "./testing/arm-client";
import { azureSpecs } from "./testing/specs";

async function count<T>(iterator: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of iterator) n++;
  return n;
}

describe("ARM emulator at demo scale", () => {
  const emulators = useEmulators(["arm"], { scale: "demo" });
  const { check } = azureSpecs();

  it("serves every subscription completely with the default page sizes", async () => {
    const ctx = emulators().ctx;
    let assessments = 0;
    for (const subscription of ctx.world.azure.subscriptions) {
      const security = new SecurityCenter(armCredential(ctx), subscription.subscriptionId, { endpoint: ctx.urls.arm });
      const scope = `subscriptions/${subscription.subscriptionId}`;
      expect(await count(security.assessments.list(scope))).toBe(subscription.assessments.length);
      expect(await count(security.subAssessments.listAll(scope))).toBe(subscription.subAssessments.length);
      expect(await count(security.alerts.list())).toBe(subscription.alerts.length);
      assessments += subscription.assessments.length;
    }
    const first = ctx.world.azure.subscriptions[0]!;
    const raw = await armListAll(ctx, `/subscriptions/${first.subscriptionId}/providers/Microsoft.Security/assessments?api-version=2021-06-01`, (page) => check("assessments", "Assessments_List", page));
    expect(raw.pages).toBe(Math.ceil(first.assessments.length / 100));

    const graph = await armPost<{ totalRecords: number }>(ctx, "/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01", { query: "securityresources | where type == 'microsoft.security/assessments'", options: { $top: 1 } });
    expect(graph.body.totalRecords).toBe(assessments);
  });
});
