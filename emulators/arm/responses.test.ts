// Every Microsoft.Security read the emulator serves, at tiny scale with a 4-item page size so
// lists cross pages: each page validates against the owners' spec, and the items are exactly
// the world's (no duplicates, none missing, statuses and scores derived from the world).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, useEmulators } from "../test-support/start";
import { armGet, armListAll } from "./testing/arm-client";
import { azureSpecs, type SpecName } from "./testing/specs";

interface Resource {
  id: string;
  name: string;
  properties: Record<string, unknown> & { status?: { code: string } };
}

describe("ARM Microsoft.Security responses match the specs and the world", () => {
  const emulators = useEmulators(["arm"]);
  const { check } = azureSpecs();
  const ctx = () => emulators().ctx;
  const sub = () => ctx().world.azure.subscriptions[0]!;
  const base = () => `/subscriptions/${sub().subscriptionId}/providers/Microsoft.Security`;

  beforeAll(async () => {
    await admin(emulators(), "PUT", "/arm/settings", { pageSize: 4 });
  });
  afterAll(async () => {
    await admin(emulators(), "DELETE", "/arm/settings");
  });

  /** All items of a list, each page checked against `operationId`. */
  async function listChecked(path: string, spec: SpecName, operationId: string) {
    return armListAll<Resource>(ctx(), path, (page) => check(spec, operationId, page));
  }

  async function getChecked(path: string, spec: SpecName, operationId: string): Promise<Resource> {
    const response = await armGet<Resource>(ctx(), path);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    check(spec, operationId, response.body);
    return response.body;
  }

  it("lists the world's subscriptions", async () => {
    const { items } = await armListAll<{ subscriptionId: string; tenantId: string }>(ctx(), "/subscriptions?api-version=2022-12-01");
    expect(items.map((s) => s.subscriptionId)).toEqual(ctx().world.azure.subscriptions.map((s) => s.subscriptionId));
    expect(items.every((s) => s.tenantId === ctx().world.entra.tenantId)).toBe(true);
  });

  it("lists assessments per subscription and per resource, across pages", async () => {
    const { items, pages } = await listChecked(`${base()}/assessments?api-version=2021-06-01`, "assessments", "Assessments_List");
    const world = sub().assessments.map((a) => ({ id: `${sub().resources[a.resourceIndex]!.id}/providers/Microsoft.Security/assessments/${ctx().world.azure.catalog[a.metadataIndex]!.name}`, status: a.status }));
    expect(pages).toBe(Math.ceil(world.length / 4));
    expect(items.map((a) => ({ id: a.id, status: a.properties.status!.code }))).toEqual(world);

    const perResource = [];
    for (const resource of sub().resources) {
      perResource.push(...(await listChecked(`${resource.id}/providers/Microsoft.Security/assessments?api-version=2021-06-01`, "assessments", "Assessments_List")).items.map((a) => a.id));
    }
    expect(perResource.sort()).toEqual(world.map((a) => a.id).sort());
  });

  it("reads one assessment with and without $expand=links,metadata", async () => {
    const assessment = sub().assessments.find((a) => a.status === "NotApplicable") ?? sub().assessments[0]!;
    const resource = sub().resources[assessment.resourceIndex]!;
    const meta = ctx().world.azure.catalog[assessment.metadataIndex]!;
    const path = `${resource.id}/providers/Microsoft.Security/assessments/${meta.name}?api-version=2021-06-01`;
    const plain = await getChecked(path, "assessments", "Assessments_Get");
    expect(plain.properties.links).toBeUndefined();
    const expanded = await getChecked(`${path}&$expand=links,metadata`, "assessments", "Assessments_Get");
    expect(expanded.properties.status!.code).toBe(assessment.status);
    expect(expanded.properties.metadata).toMatchObject({ displayName: meta.displayName, severity: meta.severity, assessmentType: "BuiltIn" });
    expect(expanded.properties.links).toHaveProperty("azurePortalUri");
  });

  it("serves the assessment metadata catalog at tenant and subscription level", async () => {
    const catalog = ctx().world.azure.catalog;
    const tenant = await listChecked("/providers/Microsoft.Security/assessmentMetadata?api-version=2021-06-01", "assessmentMetadata", "AssessmentsMetadata_List");
    expect(tenant.items.map((m) => m.name)).toEqual(catalog.map((m) => m.name));
    const bySubscription = await listChecked(`${base()}/assessmentMetadata?api-version=2021-06-01`, "assessmentMetadata", "AssessmentsMetadata_ListBySubscription");
    expect(bySubscription.items).toHaveLength(catalog.length);
    await getChecked(`/providers/Microsoft.Security/assessmentMetadata/${catalog[0]!.name}?api-version=2021-06-01`, "assessmentMetadata", "AssessmentsMetadata_Get");
    await getChecked(`${base()}/assessmentMetadata/${catalog[1]!.name}?api-version=2021-06-01`, "assessmentMetadata", "AssessmentsMetadata_GetInSubscription");
  });

  it("lists sub-assessments at every scope and reads one", async () => {
    const all = await listChecked(`${base()}/subAssessments?api-version=2019-01-01-preview`, "subAssessments", "SubAssessments_ListAll");
    expect(all.items.map((s) => s.name)).toEqual(sub().subAssessments.map((s) => s.id));
    expect(all.pages).toBeGreaterThan(1);
    const first = sub().subAssessments[0]!;
    const assessment = sub().assessments[first.assessmentIndex]!;
    const resource = sub().resources[assessment.resourceIndex]!;
    const metaName = ctx().world.azure.catalog[assessment.metadataIndex]!.name;
    const perAssessment = await listChecked(`${base()}/assessments/${metaName}/subAssessments?api-version=2019-01-01-preview`, "subAssessments", "SubAssessments_List");
    expect(perAssessment.items.length).toBe(sub().subAssessments.filter((s) => sub().assessments[s.assessmentIndex]!.metadataIndex === assessment.metadataIndex).length);
    const onResource = await listChecked(`${resource.id}/providers/Microsoft.Security/subAssessments?api-version=2019-01-01-preview`, "subAssessments", "SubAssessments_ListAll");
    expect(onResource.items.every((s) => (s.properties.resourceDetails as { id: string }).id === resource.id)).toBe(true);
    const one = await getChecked(`${resource.id}/providers/Microsoft.Security/assessments/${metaName}/subAssessments/${first.id}?api-version=2019-01-01-preview`, "subAssessments", "SubAssessments_Get");
    expect(one.properties.status).toMatchObject({ code: first.status, severity: first.severity });
  });

  it("lists alerts per subscription, resource group and location, and reads them", async () => {
    const all = await listChecked(`${base()}/alerts?api-version=2022-01-01`, "alerts", "Alerts_List");
    expect(all.items.map((a) => a.name)).toEqual(sub().alerts.map((a) => a.name));
    const alert = sub().alerts[0]!;
    const rg = sub().resources[alert.resourceIndex]!.resourceGroup;
    const rgBase = `/subscriptions/${sub().subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Security`;
    const byGroup = await listChecked(`${rgBase}/alerts?api-version=2022-01-01`, "alerts", "Alerts_ListByResourceGroup");
    expect(byGroup.items.map((a) => a.name)).toEqual(sub().alerts.filter((a) => sub().resources[a.resourceIndex]!.resourceGroup === rg).map((a) => a.name));
    const byLocation = await listChecked(`${base()}/locations/${alert.location}/alerts?api-version=2021-11-01`, "alerts", "Alerts_ListSubscriptionLevelByRegion");
    expect(byLocation.items.map((a) => a.name)).toEqual(sub().alerts.filter((a) => a.location === alert.location).map((a) => a.name));
    await listChecked(`${rgBase}/locations/${alert.location}/alerts?api-version=2022-01-01`, "alerts", "Alerts_ListResourceGroupLevelByRegion");
    const one = await getChecked(`${base()}/locations/${alert.location}/alerts/${alert.name}?api-version=2022-01-01`, "alerts", "Alerts_GetSubscriptionLevel");
    expect(one.properties).toMatchObject({ status: alert.status, severity: alert.severity, alertType: alert.alertType });
    await getChecked(`${rgBase}/locations/${alert.location}/alerts/${alert.name}?api-version=2022-01-01`, "alerts", "Alerts_GetResourceGroupLevel");
  });

  it("computes secure score and controls from the assessments", async () => {
    const controls = await listChecked(`${base()}/secureScoreControls?api-version=2020-01-01&$expand=definition`, "secureScore", "SecureScoreControls_List");
    const byScore = await listChecked(`${base()}/secureScores/ascScore/secureScoreControls?api-version=2020-01-01`, "secureScore", "SecureScoreControls_ListBySecureScore");
    expect(byScore.items.map((c) => c.name)).toEqual(controls.items.map((c) => c.name));
    const catalog = ctx().world.azure.catalog;
    for (const control of controls.items) {
      // Independent check: resources with any unhealthy assessment of the control.
      const unhealthy = new Set(sub().assessments.filter((a) => a.status === "Unhealthy" && catalog[a.metadataIndex]!.controlName === control.properties.displayName).map((a) => a.resourceIndex));
      expect(control.properties.unhealthyResourceCount).toBe(unhealthy.size);
      expect(control.properties.definition).toBeDefined();
    }
    const score = await getChecked(`${base()}/secureScores/ascScore?api-version=2020-01-01`, "secureScore", "SecureScores_Get");
    const total = controls.items.reduce((n, c) => n + (c.properties.score as { current: number }).current, 0);
    expect((score.properties.score as { current: number }).current).toBeCloseTo(total, 1);
    const list = await listChecked(`${base()}/secureScores?api-version=2020-01-01`, "secureScore", "SecureScores_List");
    expect(list.items.map((s) => s.name)).toEqual(["ascScore"]);
    const definitions = await listChecked("/providers/Microsoft.Security/secureScoreControlDefinitions?api-version=2020-01-01", "secureScore", "SecureScoreControlDefinitions_List");
    expect(definitions.items.map((d) => d.name).sort()).toEqual(controls.items.map((c) => c.name).sort());
    await listChecked(`${base()}/secureScoreControlDefinitions?api-version=2020-01-01`, "secureScore", "SecureScoreControlDefinitions_ListBySubscription");
  });

  it("lists one GitHub and one Azure DevOps security connector per subscription", async () => {
    const all = await listChecked(`${base()}/securityConnectors?api-version=2023-10-01-preview`, "securityConnectors", "SecurityConnectors_List");
    expect(all.items.map((c) => c.properties.environmentName)).toEqual(["Github", "AzureDevOps"]);
    const group = `/subscriptions/${sub().subscriptionId}/resourceGroups/rg-defender-devops/providers/Microsoft.Security/securityConnectors`;
    const byGroup = await listChecked(`${group}?api-version=2023-10-01-preview`, "securityConnectors", "SecurityConnectors_ListByResourceGroup");
    expect(byGroup.items).toHaveLength(2);
    await getChecked(`${group}/${all.items[0]!.name}?api-version=2023-10-01-preview`, "securityConnectors", "SecurityConnectors_Get");
  });
});
