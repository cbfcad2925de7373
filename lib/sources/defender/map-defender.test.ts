// The Defender mappers on every official example in ../shared/fixtures/azure-security, with
// the normalized severity/state each must map to written down per example, and on named
// scenarios for the rules the examples do not reach (metadata severity, stages, not-applicable).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NormalizedFindingSchema } from "../../ingest/normalized-finding";
import type { MapResult } from "../github/map-result";
import { mapAlert } from "./map-alert";
import { mapAssessment } from "./map-assessment";
import { mapDevOpsRepo, mapSecurityConnector } from "./map-devops";
import { mapSecureScore, mapSecureScoreControl } from "./map-secure-score";
import { mapSubAssessment } from "./map-sub-assessment";
import type { AssessmentMetadataProperties } from "./schemas";

const FIXTURES = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? path.join(import.meta.dirname, "../../../../shared/fixtures"), "azure-security");
const observedAt = new Date("2026-11-01T00:00:00Z");
const noMetadata = { metadata: new Map<string, AssessmentMetadataProperties>(), observedAt };

/** The 200 body of an example, as the API returned it; a list's items, or the one object. */
function exampleItems(file: string): Record<string, unknown>[] {
  const body = (JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as { responses: { "200": { body: { value?: unknown[] } } } }).responses["200"].body;
  return (Array.isArray(body.value) ? body.value : [body]) as Record<string, unknown>[];
}

function finding(result: MapResult) {
  if (!result.ok) throw new Error(`expected a finding, got: ${result.error}`);
  expect(() => NormalizedFindingSchema.parse(result.finding)).not.toThrow();
  return result.finding;
}

const summary = (f: ReturnType<typeof finding>) => [f.kind, f.severity, f.state, f.stage];

describe.skipIf(!existsSync(FIXTURES))("Microsoft's published examples", () => {
  // Assessments carry no metadata in these examples, so severity falls back to medium (with a
  // warning); the status decides the state.
  it.each([
    ["2021-06-01/examples/Assessments/GetAssessment_example.json", [["cloud_recommendation", "medium", "dismissed", "operate"]]],
    [
      "2021-06-01/examples/Assessments/ListAssessments_example.json",
      [
        ["cloud_recommendation", "medium", "resolved", "operate"],
        ["cloud_recommendation", "medium", "dismissed", "operate"],
      ],
    ],
  ])("%s", (file, expected) => {
    const results = exampleItems(file).map((item) => mapAssessment(item, noMetadata));
    expect(results.map((r) => summary(finding(r)))).toEqual(expected);
    for (const r of results) if (r.ok) expect(r.warnings.join(" ")).toMatch(/no metadata/);
  });

  it("GetAssessment: NotApplicable is kept as dismissed, not scored, with Defender's cause", () => {
    const f = finding(mapAssessment(exampleItems("2021-06-01/examples/Assessments/GetAssessment_example.json")[0], noMetadata));
    expect([f.dismissedReason, f.details.scored, f.dismissedAt?.toISOString()]).toEqual(["not_applicable: OffByPolicy", false, "2021-04-12T09:07:18.675Z"]);
    expect(f.cloudResourceId).toBe("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss2");
  });

  // The image vulnerability example: High, Unhealthy, on a container registry → container, high, open, CD.
  it.each([
    ["2019-01-01-preview/examples/SubAssessments/GetSubAssessment_example.json", [["container", "high", "open", "cd"]]],
    ["2019-01-01-preview/examples/SubAssessments/ListSubscriptionSubAssessments_example.json", [["container", "high", "open", "cd"]]],
  ])("%s", (file, expected) => {
    const findings = exampleItems(file).map((item) => finding(mapSubAssessment(item, { observedAt })));
    expect(findings.map(summary)).toEqual(expected);
    expect(findings.map((f) => [f.cveId, f.cvssScore, f.locationPath])).toEqual([["CVE-2019-12345", 10, "myRepo@c186fc44-3154-4ce2-ba18-b719d895c3b0"]]);
  });

  // Alerts: High/Medium Active → high/medium open, kind cloud_alert, stage operate.
  it.each([
    ["2022-01-01/examples/Alerts/GetAlertSubscriptionLocation_example.json", [["cloud_alert", "high", "open", "operate"]]],
    ["2022-01-01/examples/Alerts/GetAlertsResourceGroupLocation_example.json", [["cloud_alert", "high", "open", "operate"]]],
    ["2022-01-01/examples/Alerts/GetAlertsResourceGroup_example.json", [["cloud_alert", "high", "open", "operate"]]],
    [
      "2022-01-01/examples/Alerts/GetAlertsSubscription_example.json",
      [
        ["cloud_alert", "high", "open", "operate"],
        ["cloud_alert", "medium", "open", "operate"],
      ],
    ],
  ])("%s", (file, expected) => {
    const findings = exampleItems(file).map((item) => finding(mapAlert(item, { observedAt })));
    expect(findings.map(summary)).toEqual(expected);
    expect(findings[0]!.sourceCreatedAt.toISOString()).toBe("2020-02-23T13:47:58.000Z");
    expect(findings[0]!.cloudResourceId).toBe("/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1");
  });

  it("secure scores: ascScore 23.53 of 39 (0.6033), and every control of each list example", () => {
    for (const file of ["2020-01-01/examples/secureScores/ListSecureScores_example.json", "2020-01-01/examples/secureScores/GetSecureScoresSingle_example.json"]) {
      expect(exampleItems(file).map(mapSecureScore)).toEqual([{ ok: true, row: { scoreName: "ascScore", controlId: null, current: 23.53, max: 39, percentage: 0.6033, weight: 67 } }]);
    }
    for (const file of [
      "2020-01-01/examples/secureScores/ListSecureScoreControls_example.json",
      "2020-01-01/examples/secureScores/ListSecureScoreControlsForName_builtin_example.json",
      "2020-01-01/examples/secureScores/ListSecureScoreControlsForNameWithExpand_builtin_example.json",
    ]) {
      const rows = exampleItems(file).map(mapSecureScoreControl);
      expect(rows.every((r) => r.ok)).toBe(true);
      const mfa = rows.find((r) => r.ok && r.row.scoreName === "Enable MFA");
      expect(mfa).toEqual({ ok: true, row: { scoreName: "Enable MFA", controlId: "34a42fb3-e6db-409c-b56b-7b1db6b8aee0", current: 10, max: 10, percentage: 1, weight: 1 } });
    }
  });

  // Cloud connectors (AWS, GCP) have no DevOps inventory; GitHub ones do.
  it.each([
    ["GetSecurityConnectorSingleResource_example.json", [null]],
    ["GetSecurityConnectorsResourceGroup_example.json", [null, null, null]],
    ["GetSecurityConnectorsSubscription_example.json", [null, null, "github", "github", null]],
  ])("security connectors %s", (file, platforms) => {
    const mapped = exampleItems(`2023-10-01-preview/examples/SecurityConnectors/${file}`).map(mapSecurityConnector);
    expect(mapped.map((m) => (m.ok ? m.value.platform : m.error))).toEqual(platforms);
  });

  it.each([
    ["ListGitHubRepos_example.json", "github", "myGitHubOwner/myGitHubRepo", null],
    ["GetGitHubRepos_example.json", "github", "myGitHubOwner/myGitHubRepo", null],
    ["ListAzureDevOpsRepos_example.json", "azure_devops", "myAzDevOpsOrg/myAzDevOpsProject/myAzDevOpsRepo", "cb64ab91-c9ba-46df-b44c-c769358bccdf"],
    ["GetAzureDevOpsRepos_example.json", "azure_devops", "myAzDevOpsOrg/myAzDevOpsProject/myAzDevOpsRepo", "cb64ab91-c9ba-46df-b44c-c769358bccdf"],
    ["GetGitLabProjects_example.json", "gitlab", "myGitLabGroup/mySubGroup/myGitLabProject", null],
  ])("DevOps inventory %s → %s repository %s", (file, platform, fullName, repoId) => {
    const [item] = exampleItems(`2024-04-01/examples/SecurityConnectorsDevOps/${file}`);
    const mapped = mapDevOpsRepo(item);
    expect(mapped.ok && [mapped.value.platform, mapped.value.fullName, mapped.value.repoId]).toEqual([platform, fullName, repoId]);
  });

  it("DevOps inventory: owners, orgs and projects are walked through, reported as not repositories", () => {
    for (const file of ["ListGitHubOwners_example.json", "ListAzureDevOpsOrgs_example.json", "ListAzureDevOpsProjects_example.json", "ListDevOpsConfigurations_example.json"]) {
      const mapped = mapDevOpsRepo(exampleItems(`2024-04-01/examples/SecurityConnectorsDevOps/${file}`)[0]);
      expect(mapped.ok ? "mapped" : mapped.error).toMatch(/not a repository resource/);
    }
  });
});

const VM = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
const REGISTRY = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-app/providers/Microsoft.ContainerRegistry/registries/acr1";

function assessment(resourceId: string, code: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${resourceId}/providers/Microsoft.Security/assessments/rec-1`,
    name: "rec-1",
    type: "Microsoft.Security/assessments",
    properties: { resourceDetails: { source: "Azure", id: resourceId }, displayName: "A recommendation", status: { code, statusChangeDate: "2026-10-02T00:00:00.1234567Z", firstEvaluationDate: "2026-09-01T00:00:00Z" }, ...extra },
  };
}

const metadata = (severity: string, categories: string[], displayName = "A recommendation") =>
  ({ metadata: new Map([["rec-1", { severity, categories, displayName }]]), observedAt }) as Parameters<typeof mapAssessment>[1];

describe("assessment scenarios", () => {
  it("assessment-0-unhealthy-vm: severity from the metadata, open, operate", () => {
    const f = finding(mapAssessment(assessment(VM, "Unhealthy"), metadata("High", ["Compute"])));
    expect([...summary(f), f.resolvedAt, f.sourceCreatedAt.toISOString(), f.sourceUpdatedAt?.toISOString()]).toEqual([
      "cloud_recommendation", "high", "open", "operate", null, "2026-09-01T00:00:00.000Z", "2026-10-02T00:00:00.123Z",
    ]);
  });

  it("assessment-1-healthy: resolved at the status change, evidence that the control passes", () => {
    const f = finding(mapAssessment(assessment(VM, "Healthy"), metadata("Low", ["Networking"])));
    expect([f.severity, f.state, f.resolvedAt?.toISOString(), f.details.scored]).toEqual(["low", "resolved", "2026-10-02T00:00:00.123Z", true]);
  });

  it("assessment-2-stages: registries, DevOps categories and code-repository recommendations are CD", () => {
    expect(finding(mapAssessment(assessment(REGISTRY, "Unhealthy"), metadata("Medium", ["Compute"]))).stage).toBe("cd");
    expect(finding(mapAssessment(assessment(VM, "Unhealthy"), metadata("Medium", ["DevOps"]))).stage).toBe("cd");
    expect(finding(mapAssessment(assessment(VM, "Unhealthy", { displayName: "Code repositories should have secret scanning findings resolved" }), metadata("High", ["Data"]))).stage).toBe("cd");
    expect(finding(mapAssessment(assessment(VM, "Unhealthy", { resourceDetails: { source: "GitHub", id: VM } }), metadata("High", ["Data"]))).stage).toBe("cd");
  });

  it("assessment-3-inline-metadata: $expand=metadata wins over the catalog", () => {
    const f = finding(mapAssessment(assessment(VM, "Unhealthy", { metadata: { severity: "Low", categories: ["Data"], displayName: "Inline" } }), metadata("High", ["Compute"])));
    expect([f.severity, f.ruleName]).toEqual(["low", "Inline"]);
  });

  it("assessment-4-unknown-status: kept as open with a warning; a record without status is reported, not dropped", () => {
    const result = mapAssessment(assessment(VM, "Quarantined"), metadata("High", []));
    expect(result.ok && [result.finding.state, result.warnings]).toEqual(["open", ['unknown assessment status "Quarantined"; stored as open']]);
    const broken = mapAssessment({ id: `${VM}/providers/Microsoft.Security/assessments/x`, name: "x", properties: {} }, noMetadata);
    expect(broken).toMatchObject({ ok: false, reference: `${VM}/providers/Microsoft.Security/assessments/x` });
    expect(broken.ok ? "" : broken.error).toMatch(/status/);
  });
});

describe("sub-assessment and alert scenarios", () => {
  const sub = (resourceId: string, assessedResourceType: string, status = "Unhealthy", severity = "Medium") => ({
    id: `${resourceId}/providers/Microsoft.Security/assessments/rec-1/subAssessments/s1`,
    name: "s1",
    properties: { id: "CVE-2026-1", displayName: "openssl", status: { code: status, severity }, timeGenerated: "2026-10-01T00:00:00Z", additionalData: { assessedResourceType, cve: [{ title: "CVE-2026-1" }], cvss: { "3.0": { base: 6.5 } } } },
  });

  it("sub-0-server-vulnerability: a running VM's CVE is a cloud recommendation in operate", () => {
    expect(summary(finding(mapSubAssessment(sub(VM, "ServerVulnerability"), { observedAt })))).toEqual(["cloud_recommendation", "medium", "open", "operate"]);
  });

  it("sub-1-healthy-and-not-applicable: resolved / dismissed like assessments", () => {
    expect(finding(mapSubAssessment(sub(REGISTRY, "ContainerRegistryVulnerability", "Healthy", "Low"), { observedAt })).state).toBe("resolved");
    expect(finding(mapSubAssessment(sub(REGISTRY, "ContainerRegistryVulnerability", "NotApplicable", "Low"), { observedAt })).state).toBe("dismissed");
  });

  it("alert-0-states-and-severities: InProgress is open, Resolved/Dismissed close, Informational is info", () => {
    const alert = (status: string, severity: string) => ({ id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/alerts/a-${status}`, name: `a-${status}`, properties: { status, severity, alertType: "VM_X", timeGeneratedUtc: "2026-10-01T00:00:00Z" } });
    const mapped = [["InProgress", "Low"], ["Resolved", "Informational"], ["Dismissed", "High"]].map(([status, severity]) => finding(mapAlert(alert(status!, severity!), { observedAt })));
    expect(mapped.map((f) => [f.state, f.severity, f.cloudResourceId])).toEqual([["open", "low", null], ["resolved", "info", null], ["dismissed", "high", null]]);
  });
});
