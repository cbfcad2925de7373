// Azure Resource Graph over securityresources: the at-scale read path for assessments. Pages
// with $top/$skipToken validate against the Resources operation of the 2024-04-01 spec and
// together hold exactly the world's assessments; the per-user quota is enforced.
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { armPost } from "./testing/arm-client";
import { azureSpecs } from "./testing/specs";

interface QueryResponse {
  totalRecords: number;
  count: number;
  $skipToken?: string;
  data: Record<string, unknown>[] | { columns: { name: string }[]; rows: unknown[][] };
}

const PATH = "/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01";

describe("Azure Resource Graph securityresources queries", () => {
  const emulators = useEmulators(["arm"]);
  const { check } = azureSpecs();
  const ctx = () => emulators().ctx;

  async function query(body: unknown): Promise<{ status: number; body: QueryResponse; headers: Headers }> {
    const response = await armPost<QueryResponse>(ctx(), PATH, body);
    if (response.status === 200) check("resourceGraph", "Resources", response.body);
    return response;
  }

  it("pages assessments with $top and $skipToken and returns exactly the world's", async () => {
    const world = ctx().world;
    const expected = world.azure.subscriptions.flatMap((s) => s.assessments.map((a) => `${s.resources[a.resourceIndex]!.id}/providers/Microsoft.Security/assessments/${world.azure.catalog[a.metadataIndex]!.name}`));
    const text = "securityresources | where type == 'microsoft.security/assessments' | project id, properties.status.code";
    const ids: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const { status, body, headers } = await query({ query: text, options: { $top: 10, ...(skipToken ? { $skipToken: skipToken } : {}) } });
      expect(status).toBe(200);
      expect(body.totalRecords).toBe(expected.length);
      expect(headers.get("x-ms-user-quota-remaining")).not.toBeNull();
      ids.push(...(body.data as { id: string; properties_status_code: string }[]).map((r) => r.id));
      skipToken = body.$skipToken;
      pages++;
    } while (skipToken);
    expect(pages).toBe(Math.ceil(expected.length / 10));
    expect(ids).toEqual(expected);
  });

  it("filters on nested properties, scopes to subscriptions and returns tables", async () => {
    const subscription = ctx().world.azure.subscriptions[0]!;
    const unhealthy = subscription.assessments.filter((a) => a.status === "Unhealthy").length;
    const { body } = await query({
      subscriptions: [subscription.subscriptionId],
      query: "securityresources | where type =~ 'Microsoft.Security/assessments' and properties.status.code == 'Unhealthy'",
      options: { resultFormat: "table" },
    });
    expect(body.totalRecords).toBe(unhealthy);
    const table = body.data as { columns: { name: string }[]; rows: unknown[][] };
    expect(table.columns.map((c) => c.name)).toContain("properties");
    expect(table.rows).toHaveLength(unhealthy);
    const subs = await query({ query: "securityresources | where type == 'microsoft.security/assessments/subassessments' | take 2" });
    expect(subs.body.count).toBe(Math.min(2, subscription.subAssessments.length));
  });

  it("rejects queries it cannot run and throttles past the per-user quota", async () => {
    const bad = await armPost<{ error: { code: string } }>(ctx(), PATH, { query: "securityresources | summarize count() by type" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BadRequest");
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await armPost(ctx(), PATH, { query: "securityresources | take 1" })).status);
    expect(statuses).toContain(429);
  });
});
