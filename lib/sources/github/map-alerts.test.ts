// The alert mappers on GitHub's own published examples and on named scenarios.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NormalizedFindingSchema } from "../../ingest/normalized-finding";
import { mapCodeScanningAlert } from "./map-code-scanning-alert";
import { mapDependabotAlert } from "./map-dependabot-alert";
import { mapSecretScanningAlert } from "./map-secret-scanning-alert";
import type { MapResult } from "./map-result";

const require = createRequire(import.meta.url);
const spec = require("@octokit/openapi/generated/api.github.com.json") as { components: { examples: Record<string, { value: unknown }> } };
const example = (name: string) => spec.components.examples[name]!.value as Record<string, unknown>[];

function mapped(result: MapResult) {
  if (!result.ok) throw new Error(`expected a finding, got: ${result.error}`);
  expect(() => NormalizedFindingSchema.parse(result.finding)).not.toThrow();
  return result;
}

describe("GitHub's published examples", () => {
  it.each([
    ["code-scanning-organization-alert-items", mapCodeScanningAlert],
    ["organization-secret-scanning-alert-list", mapSecretScanningAlert],
    ["dependabot-alerts-for-organization", mapDependabotAlert],
  ] as const)("%s: every item maps to a valid finding", (name, map) => {
    const items = example(name);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) mapped(map(item));
  });

  it("never stores the secret value GitHub returns with a secret scanning alert", () => {
    for (const item of example("organization-secret-scanning-alert-list")) {
      const { finding } = mapped(mapSecretScanningAlert(item));
      expect(typeof item.secret).toBe("string");
      expect(JSON.stringify(finding)).not.toContain(item.secret as string);
    }
  });

  it("accepts Dependabot's epss percentile as a string, as GitHub's own example sends it", () => {
    const items = example("dependabot-alerts-for-organization");
    const withEpss = items.find((i) => (i.security_advisory as { epss?: unknown }).epss);
    const { finding } = mapped(mapDependabotAlert(withEpss ?? items[0]));
    if (withEpss) expect(typeof (finding.details.epss as { percentile: unknown }).percentile).toBe("number");
  });
});

const repository = { id: 42, name: "api", full_name: "contoso/api" };

function codeAlert(overrides: Record<string, unknown> = {}) {
  return {
    number: 7,
    created_at: "2026-09-01T10:00:00Z",
    updated_at: "2026-09-02T10:00:00Z",
    html_url: "https://github.com/contoso/api/security/code-scanning/7",
    state: "open",
    fixed_at: null,
    dismissed_by: null,
    dismissed_at: null,
    dismissed_reason: null,
    rule: { id: "js/sql-injection", name: "sql-injection", severity: "error", security_severity_level: "critical", description: "SQL injection", tags: ["security", "external/cwe/cwe-089"] },
    tool: { name: "CodeQL", guid: null, version: "2.19.0" },
    most_recent_instance: { ref: "refs/heads/main", commit_sha: "abc", location: { path: "src/db.ts", start_line: 12 } },
    repository,
    ...overrides,
  };
}

describe("code scanning scenarios", () => {
  it("code-0-security-severity-wins: security severity beats the SARIF level", () => {
    const { finding } = mapped(mapCodeScanningAlert(codeAlert()));
    expect([finding.severity, finding.sourceSeverity, finding.kind, finding.stage]).toEqual(["critical", "error/critical", "code", "ci"]);
    expect(finding.sourceId).toBe("code_scanning:42:7");
    expect(finding.details.cwes).toEqual(["CWE-089"]);
  });

  it("code-1-sarif-levels: without a security severity, error/warning/note/none map to high/medium/low/info", () => {
    const levels = ["error", "warning", "note", "none"].map((level) => mapped(mapCodeScanningAlert(codeAlert({ rule: { id: "r", severity: level } }))).finding.severity);
    expect(levels).toEqual(["high", "medium", "low", "info"]);
  });

  it("code-2-iac-tool: Checkov findings are IaC findings of the CD stage", () => {
    const { finding } = mapped(mapCodeScanningAlert(codeAlert({ tool: { name: "Checkov" } })));
    expect([finding.kind, finding.stage]).toEqual(["iac", "cd"]);
  });

  it("code-3-dismissed: keeps who, why and when", () => {
    const { finding } = mapped(
      mapCodeScanningAlert(codeAlert({ state: "dismissed", dismissed_at: "2026-09-05T00:00:00Z", dismissed_by: { login: "dana" }, dismissed_reason: "false positive" })),
    );
    expect([finding.state, finding.dismissedBy, finding.dismissedReason, finding.dismissedAt?.toISOString()]).toEqual(["dismissed", "dana", "false positive", "2026-09-05T00:00:00.000Z"]);
  });

  it("code-4-unknown-values: unknown severity and state are stored conservatively and reported", () => {
    const result = mapped(mapCodeScanningAlert(codeAlert({ state: "quarantined", rule: { id: "r", severity: "catastrophic" } })));
    expect([result.finding.state, result.finding.severity]).toEqual(["open", "medium"]);
    expect(result.warnings).toHaveLength(2);
  });

  it("code-5-malformed: a record without a number is rejected with a reference, not dropped silently", () => {
    const result = mapCodeScanningAlert({ ...codeAlert(), number: "seven" });
    expect(result).toMatchObject({ ok: false, reference: "contoso/api#seven" });
    expect(result.ok ? "" : result.error).toMatch(/number/);
  });
});

const secret = (overrides: Record<string, unknown> = {}) => ({
  number: 3,
  created_at: "2026-08-01T00:00:00Z",
  updated_at: "2026-08-02T00:00:00Z",
  html_url: "https://github.com/contoso/api/security/secret-scanning/3",
  state: "open",
  secret_type: "github_personal_access_token",
  secret_type_display_name: "GitHub Personal Access Token",
  secret: "ghp_live_value_must_not_be_stored",
  repository,
  ...overrides,
});

describe("secret scanning scenarios", () => {
  it("secret-0-open-public: open and publicly leaked is critical", () => {
    expect(mapped(mapSecretScanningAlert(secret({ publicly_leaked: true }))).finding.severity).toBe("critical");
    expect(mapped(mapSecretScanningAlert(secret({ validity: "active" }))).finding.severity).toBe("critical");
    expect(mapped(mapSecretScanningAlert(secret({ validity: "inactive" }))).finding.severity).toBe("high");
  });

  it("secret-1-revoked: a revoked secret is fixed at its resolution time", () => {
    const { finding } = mapped(mapSecretScanningAlert(secret({ state: "resolved", resolution: "revoked", resolved_at: "2026-08-03T00:00:00Z", resolved_by: { login: "li" } })));
    expect([finding.state, finding.fixedAt?.toISOString(), finding.dismissedAt, finding.severity]).toEqual(["fixed", "2026-08-03T00:00:00.000Z", null, "high"]);
  });

  it("secret-2-false-positive: dismissed, with who and why", () => {
    const { finding } = mapped(mapSecretScanningAlert(secret({ state: "resolved", resolution: "false_positive", resolved_at: "2026-08-03T00:00:00Z", resolved_by: { login: "li" } })));
    expect([finding.state, finding.dismissedReason, finding.dismissedBy]).toEqual(["dismissed", "false_positive", "li"]);
  });
});

describe("webhook deliveries (alert plus the event's repository)", () => {
  const webhookExamples = require("@octokit/webhooks-examples") as { name: string; examples: { action: string; alert: Record<string, unknown>; repository: unknown }[] }[];

  it.each([
    ["code_scanning_alert", mapCodeScanningAlert],
    ["dependabot_alert", mapDependabotAlert],
  ] as const)("%s: GitHub's example deliveries map to valid findings", (event, map) => {
    const examples = webhookExamples.find((e) => e.name === event)!.examples;
    expect(examples.length).toBeGreaterThan(0);
    for (const delivery of examples) mapped(map({ ...delivery.alert, repository: delivery.repository }));
  });

  it("secret-3-webhook-without-state: a delivery has no state; open until resolved", () => {
    const { state: _state, ...alert } = secret();
    expect(mapped(mapSecretScanningAlert(alert)).finding.state).toBe("open");
    expect(mapped(mapSecretScanningAlert({ ...alert, resolution: "revoked", resolved_at: "2026-08-03T00:00:00Z" })).finding.state).toBe("fixed");
  });
});

describe("Dependabot scenarios", () => {
  const dependabot = (overrides: Record<string, unknown> = {}) => ({
    number: 9,
    state: "open",
    created_at: "2026-07-01T00:00:00Z",
    updated_at: "2026-07-02T00:00:00Z",
    html_url: "https://github.com/contoso/api/security/dependabot/9",
    dependency: { package: { ecosystem: "npm", name: "lodash" }, manifest_path: "package-lock.json", scope: "runtime" },
    security_advisory: { ghsa_id: "GHSA-aaaa-bbbb-cccc", cve_id: "CVE-2026-1234", summary: "Prototype pollution in lodash", severity: "moderate", cvss: { score: 6.5 } },
    security_vulnerability: { severity: "moderate", vulnerable_version_range: "< 4.17.21", first_patched_version: { identifier: "4.17.21" } },
    repository,
    ...overrides,
  });

  it("dependabot-0-moderate: GitHub's older 'moderate' is medium; CVE and CVSS kept", () => {
    const { finding } = mapped(mapDependabotAlert(dependabot()));
    expect([finding.severity, finding.cveId, finding.cvssScore, finding.ruleId, finding.locationPath]).toEqual(["medium", "CVE-2026-1234", 6.5, "GHSA-aaaa-bbbb-cccc", "package-lock.json"]);
  });

  it("dependabot-1-auto-dismissed: dismissed with reason auto_dismissed at the auto-dismissal time", () => {
    const { finding } = mapped(mapDependabotAlert(dependabot({ state: "auto_dismissed", auto_dismissed_at: "2026-07-05T00:00:00Z" })));
    expect([finding.state, finding.dismissedReason, finding.dismissedAt?.toISOString()]).toEqual(["dismissed", "auto_dismissed", "2026-07-05T00:00:00.000Z"]);
  });

  it("dependabot-2-no-fix: no patched version and a zero CVSS are stored as unknown, not 0", () => {
    const { finding } = mapped(mapDependabotAlert(dependabot({ security_vulnerability: { severity: "high", first_patched_version: null }, security_advisory: { ghsa_id: "GHSA-x", summary: "s", severity: "high", cvss: { score: 0 } } })));
    expect([finding.cvssScore, finding.details.firstPatchedVersion, finding.cveId]).toEqual([null, null, null]);
  });
});
