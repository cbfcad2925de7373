// Each control rule on hand-made evidence: pass, fail, partial where it has one, and unknown
// when the evidence is missing (never a silent pass).
import { describe, expect, it } from "vitest";
import { CONTROLS, controlById } from "./catalog";
import type { ControlStatus } from "./control";
import type { AuditEvidence, RepositoryEvidence } from "./evidence";
import { evidenceFor, withFindings } from "./test-evidence";

const status = (id: string, e: RepositoryEvidence): ControlStatus => controlById(id)!.evaluate(e).status;
const outcome = (id: string, e: RepositoryEvidence) => controlById(id)!.evaluate(e);

const PROTECTED = { pattern: "main", requiresApprovingReviews: true, requiredApprovingReviewCount: 2, requiresCodeOwnerReviews: true, dismissesStaleReviews: true, requiresStatusChecks: true, requiresCommitSignatures: true, allowsForcePushes: false, allowsDeletions: false };
const github = (settings: Record<string, unknown>) => evidenceFor({ settings: { branchProtectionRules: [], rulesets: [], ...settings } });
const sa = (values: Record<string, string>) => ({ securityAndAnalysis: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { status: v }])) });
const ado = (ado: Record<string, unknown>) => evidenceFor({ repository: { platform: "azure_devops", projectName: "Shop", sourceId: "c-guid" }, settings: { ado } });
const POLICIES = { minimumReviewers: 1, creatorVoteCounts: false, resetOnPush: true, requiredReviewers: [], buildValidation: [{ buildDefinitionId: 7, displayName: "ci", manualQueueOnly: false }], commentResolution: false, workItemLinking: false, optionalPolicies: [] };
const audit = (parts: Partial<Pick<AuditEvidence, "repository" | "project" | "organization">>): AuditEvidence => ({ windowDays: 30, coveredFrom: "2026-03-01", repository: {}, project: {}, organization: {}, ...parts });
const tally = (count: number, extra: Partial<{ actors: string[]; bySeverity: Record<string, number> }> = {}) => ({ count, eventIds: ["9"], actors: extra.actors ?? [], bySeverity: extra.bySeverity ?? {} });
const adoWithAudit = (parts: Parameters<typeof audit>[0]) => ({ ...ado({}), audit: audit(parts) });

describe("catalog", () => {
  it("has at least 25 controls across the four stages, unique ids, mappings and remediation", () => {
    expect(CONTROLS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
    expect(new Set(CONTROLS.map((c) => c.stage))).toEqual(new Set(["pre_commit", "ci", "cd", "operate"]));
    for (const c of CONTROLS) {
      expect(c.weight).toBeGreaterThan(0);
      expect(c.remediation.length).toBeGreaterThan(10);
      expect(c.mappings.ssdf.length).toBeGreaterThan(0);
      for (const task of c.mappings.ssdf) expect(task).toMatch(/^(PO|PS|PW|RV)\.\d\.\d$/);
      expect(c.mappings.dsomm.length).toBeGreaterThan(0);
    }
  });

  it("answers unknown for every control on a repository with no evidence at all", () => {
    for (const platform of ["github", "azure_devops"]) {
      const e = evidenceFor({ repository: { platform } });
      for (const c of CONTROLS) expect([c.id, c.evaluate(e).status]).toEqual([c.id, "unknown"]);
    }
  });
});

describe("pre-commit rules", () => {
  it("PRE-01/02: secret scanning and push protection follow the setting; absent is unknown", () => {
    const on = github(sa({ secret_scanning: "enabled", secret_scanning_push_protection: "disabled" }));
    expect([status("PRE-01", on), status("PRE-02", on)]).toEqual(["pass", "fail"]);
    expect(status("PRE-02", github({}))).toBe("unknown");
    expect(status("PRE-01", ado({ advancedSecurity: { enabled: true } }))).toBe("pass");
    expect(status("PRE-01", ado(POLICIES))).toBe("unknown");
  });

  it("PRE-03: open secrets fail; zero open passes only when scanning is known to run", () => {
    const scanning = github(sa({ secret_scanning: "enabled" }));
    expect(status("PRE-03", scanning)).toBe("pass");
    expect(status("PRE-03", withFindings(github(sa({ secret_scanning: "enabled" })), "secret", { total: 2, open: { high: 1 } }))).toBe("fail");
    expect(status("PRE-03", github(sa({ secret_scanning: "disabled" })))).toBe("unknown");
    expect(status("PRE-03", withFindings(github({}), "secret", { total: 1 }))).toBe("pass");
  });

  it("PRE-04: required review passes, protection without review is partial, none fails", () => {
    expect(status("PRE-04", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(outcome("PRE-04", github({ branchProtectionRules: [{ pattern: "main", requiresApprovingReviews: false }] }))).toMatchObject({ status: "partial", score: 0.3 });
    expect(status("PRE-04", github({ branchProtectionRules: [{ ...PROTECTED, pattern: "release/*" }] }))).toBe("fail");
    expect(status("PRE-04", github({ branchProtectionRules: [{ ...PROTECTED, pattern: "ma*" }] }))).toBe("pass");
    expect(status("PRE-04", github({ rulesets: [{ name: "main", enforcement: "ACTIVE", target: "BRANCH", rules: [{ type: "PULL_REQUEST", parameters: { requiredApprovingReviewCount: 1 } }] }] }))).toBe("pass");
    expect(status("PRE-04", github({ rulesets: [{ name: "dry run", enforcement: "EVALUATE", target: "BRANCH", rules: [{ type: "PULL_REQUEST", parameters: { requiredApprovingReviewCount: 1 } }] }] }))).toBe("fail");
    expect(status("PRE-04", ado({ branchPolicies: POLICIES }))).toBe("pass");
    // The author's own vote may be the one approval: no independent review.
    expect(status("PRE-04", ado({ branchPolicies: { ...POLICIES, creatorVoteCounts: true } }))).toBe("partial");
    expect(status("PRE-04", ado({ branchPolicies: { ...POLICIES, minimumReviewers: 0, buildValidation: [] } }))).toBe("fail");
  });

  it("PRE-05: code-owner or required-reviewer review", () => {
    expect(status("PRE-05", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(status("PRE-05", github({ branchProtectionRules: [{ ...PROTECTED, requiresCodeOwnerReviews: false }] }))).toBe("fail");
    expect(status("PRE-05", ado({ branchPolicies: { ...POLICIES, requiredReviewers: [{ reviewerIds: ["g"], minimumApproverCount: 1, pathFilters: null }] } }))).toBe("pass");
  });

  it("PRE-06: signed commits, unknown on Azure DevOps", () => {
    expect(status("PRE-06", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(status("PRE-06", github({ rulesets: [{ name: "r", enforcement: "ACTIVE", target: "BRANCH", rules: [{ type: "REQUIRED_SIGNATURES" }] }] }))).toBe("pass");
    expect(status("PRE-06", github({ branchProtectionRules: [{ ...PROTECTED, requiresCommitSignatures: false }] }))).toBe("fail");
    expect(status("PRE-06", ado({ branchPolicies: POLICIES }))).toBe("unknown");
  });

  it("PRE-07: force push and deletion, half credit for one", () => {
    expect(status("PRE-07", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(outcome("PRE-07", github({ branchProtectionRules: [{ ...PROTECTED, allowsDeletions: true }] }))).toMatchObject({ status: "partial", score: 0.5 });
    expect(status("PRE-07", ado({ branchPolicies: POLICIES, bypass: { contributorsCanBypass: true } }))).toBe("fail");
  });

  it("PRE-08: stale approvals", () => {
    expect(status("PRE-08", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(status("PRE-08", github({ branchProtectionRules: [{ ...PROTECTED, dismissesStaleReviews: false }] }))).toBe("fail");
    expect(status("PRE-08", ado({ branchPolicies: { ...POLICIES, resetOnPush: false } }))).toBe("fail");
  });
});

describe("CI rules", () => {
  it("CI-01: recent code scanning passes, stale is partial, none is unknown", () => {
    expect(status("CI-01", withFindings(github({}), "code", { total: 3, lastActivityDay: "2026-06-10" }))).toBe("pass");
    expect(outcome("CI-01", withFindings(github({}), "code", { total: 3, lastActivityDay: "2026-01-10" }))).toMatchObject({ status: "partial", score: 0.5 });
    expect(status("CI-01", github({}))).toBe("unknown");
  });

  it("CI-02/05/07: alerts beyond SLA fail, within SLA pass, no scanner is unknown", () => {
    expect(status("CI-02", withFindings(github({}), "code", { total: 2, open: { high: 2 } }))).toBe("pass");
    expect(status("CI-02", withFindings(github({}), "code", { total: 2, open: { high: 2 }, beyond: { high: 1 } }))).toBe("fail");
    expect(status("CI-02", withFindings(github({}), "code", { total: 2, open: { medium: 2 }, beyond: { medium: 2 } }))).toBe("pass");
    expect(status("CI-02", github({}))).toBe("unknown");
    expect(status("CI-05", withFindings(github({}), "dependency", { total: 1, open: { critical: 1 }, beyond: { critical: 1 } }))).toBe("fail");
    expect(status("CI-05", github({ vulnerabilityAlerts: true }))).toBe("pass");
    expect(status("CI-07", withFindings(github({}), "dependency", { total: 1, open: { low: 1 }, beyond: { low: 1 } }))).toBe("fail");
    expect(status("CI-07", withFindings(github({}), "code", { total: 1 }))).toBe("pass");
  });

  it("CI-03/04: dependency alerts and security updates", () => {
    expect(status("CI-03", github({ vulnerabilityAlerts: false }))).toBe("fail");
    expect(status("CI-03", github({ vulnerabilityAlerts: null }))).toBe("unknown");
    expect(status("CI-04", github(sa({ dependabot_security_updates: "enabled" })))).toBe("pass");
    expect(status("CI-04", ado({ advancedSecurity: { enabled: true } }))).toBe("unknown");
  });

  it("CI-06: required status checks or build validation", () => {
    expect(status("CI-06", github({ branchProtectionRules: [PROTECTED] }))).toBe("pass");
    expect(status("CI-06", github({ branchProtectionRules: [{ ...PROTECTED, requiresStatusChecks: false }] }))).toBe("fail");
    expect(status("CI-06", ado({ branchPolicies: POLICIES }))).toBe("pass");
  });
});

describe("CD rules", () => {
  it("CD-01/02: open IaC or image findings by severity", () => {
    expect(status("CD-01", withFindings(github({}), "iac", { total: 4 }))).toBe("pass");
    expect(status("CD-01", withFindings(github({}), "iac", { total: 4, open: { low: 1 } }))).toBe("partial");
    expect(status("CD-02", withFindings(github({}), "container", { total: 4, open: { critical: 1 } }))).toBe("fail");
    expect(status("CD-02", github({}))).toBe("unknown");
  });

  it("CD-03: the healthy share of DevOps recommendations", () => {
    expect(outcome("CD-03", withFindings(github({}), "devops_recommendation", { total: 4, open: { high: 1 } }))).toMatchObject({ status: "partial", score: 0.75 });
    expect(status("CD-03", withFindings(github({}), "devops_recommendation", { total: 4, open: { high: 3 } }))).toBe("fail");
    expect(status("CD-03", withFindings(github({}), "devops_recommendation", { total: 4 }))).toBe("pass");
  });

  it("CD-04/05/07: delivery-path changes in the project's audit log; GitHub is unknown", () => {
    expect(status("CD-04", adoWithAudit({ project: { "check-removed": tally(1) } }))).toBe("fail");
    expect(status("CD-04", adoWithAudit({ project: { "pipeline-modified": tally(3) } }))).toBe("partial");
    expect(status("CD-04", adoWithAudit({ project: { "pipeline-modified": tally(3), "deployment-approved": tally(2) } }))).toBe("pass");
    expect(status("CD-05", adoWithAudit({ project: { "service-connection-shared": tally(1) } }))).toBe("fail");
    expect(status("CD-05", adoWithAudit({ project: { "service-connection-created": tally(4) } }))).toBe("partial");
    expect(status("CD-05", adoWithAudit({}))).toBe("pass");
    expect(status("CD-07", adoWithAudit({ project: { "pipeline-resource-opened": tally(1) } }))).toBe("fail");
    expect(status("CD-04", github({}))).toBe("unknown");
  });

  it("CD-06: share of environments with an approval", () => {
    expect(outcome("CD-06", ado({ environments: [{ name: "prod", approvals: [{}], checks: [] }, { name: "dev", approvals: [], checks: [] }] }))).toMatchObject({ status: "partial", score: 0.5 });
    expect(status("CD-06", ado({ environments: [{ name: "prod", approvals: [], checks: [{ type: "Approval", name: "a" }] }] }))).toBe("pass");
    expect(status("CD-06", ado({ environments: [] }))).toBe("unknown");
  });
});

describe("operate rules", () => {
  const linked = (extra: Partial<RepositoryEvidence["cloud"]> = {}) => evidenceFor({ cloud: { linkedResources: 1, subscriptions: ["s1"], secureScorePercent: null, ...extra } });

  it("OPS-01/03: Defender alerts and recommendations on linked resources", () => {
    expect(status("OPS-01", linked())).toBe("pass");
    expect(status("OPS-01", withFindings(linked(), "cloud_alert", { total: 1, open: { high: 1 } }))).toBe("fail");
    expect(status("OPS-01", evidenceFor())).toBe("unknown");
    expect(status("OPS-03", withFindings(linked(), "cloud_recommendation", { total: 2, open: { medium: 1 } }))).toBe("partial");
  });

  it("OPS-02: secure score against the threshold", () => {
    expect(status("OPS-02", linked({ secureScorePercent: 70 }))).toBe("pass");
    expect(status("OPS-02", linked({ secureScorePercent: 69.9 }))).toBe("fail");
    expect(status("OPS-02", linked())).toBe("unknown");
  });

  it("OPS-04/05/07/08: audit signals in the window", () => {
    expect(status("OPS-04", adoWithAudit({ repository: { "branch-policy-bypassed": tally(2) } }))).toBe("fail");
    expect(status("OPS-04", adoWithAudit({ project: { "pipeline-modified": tally(1) } }))).toBe("pass");
    expect(status("OPS-05", adoWithAudit({ organization: { "pat-leaked": tally(1) } }))).toBe("fail");
    const created = adoWithAudit({ organization: { "pat-created": tally(2, { actors: ["svc@fabrikam.com"] }) } });
    expect(status("OPS-05", created)).toBe("partial");
    created.config.expectedPatCreators = ["svc@fabrikam.com"];
    expect(status("OPS-05", created)).toBe("pass");
    expect(status("OPS-07", adoWithAudit({ organization: { "permission-changed": tally(3, { bySeverity: { medium: 3 } }) } }))).toBe("pass");
    expect(status("OPS-07", adoWithAudit({ organization: { "group-member-added": tally(1, { bySeverity: { high: 1 } }) } }))).toBe("fail");
    expect(status("OPS-08", adoWithAudit({ organization: { "audit-stream-disabled": tally(1) } }))).toBe("fail");
    expect(status("OPS-04", evidenceFor())).toBe("unknown");
  });

  it("OPS-06: share of severities remediated within target", () => {
    const e = evidenceFor();
    e.remediation.critical = { closed: 2, meanHours: 24 * 10 };
    e.remediation.high = { closed: 5, meanHours: 24 * 3 };
    expect(outcome("OPS-06", e)).toMatchObject({ status: "partial", score: 0.5, evidence: { withinTarget: ["high"] } });
    expect(status("OPS-06", evidenceFor())).toBe("unknown");
  });
});
