// CI: what analyses every change, and whether what they find gets fixed in time.
import { fail, partial, pass, settingIsOn, unknown, type Control } from "../control";
import type { RepositoryEvidence } from "../evidence";
import { toolSettings } from "../repository-posture";
import { branchEvidence, noneBeyondSla, withBranch } from "./shared";

const DAY_MS = 86_400_000;
const tools = (e: RepositoryEvidence) => toolSettings(e.repository.platform, e.settings);

export const CI_CONTROLS: Control[] = [
  {
    id: "CI-01",
    title: "Code scanning runs and its results are recent",
    stage: "ci",
    evidenceSource: "findings:code",
    weight: 3,
    rule: "Passes when code scanning reported within the freshness window (setting scoring.code_scanning_fresh_days); partial (0.5) when its newest result is older; unknown when it never reported.",
    remediation: "Set up code scanning (CodeQL default setup, or a SARIF upload) on every push to the default branch and on pull requests.",
    mappings: { ssdf: ["PW.7.2", "PW.8.2"], scorecard: ["SAST"], dsomm: ["Static analysis for important server side components"] },
    evaluate: (e) => {
      const bucket = e.findings.code;
      const enabled = tools(e).codeScanning;
      if (!bucket.lastActivityDay) return unknown("no code scanning result seen for this repository: Rampart cannot tell 'no alerts' from 'not set up'", { codeScanning: enabled });
      const ageDays = Math.floor((e.now.getTime() - Date.parse(bucket.lastActivityDay)) / DAY_MS);
      const evidence = { newestResultDay: bucket.lastActivityDay, freshDays: e.config.codeScanningFreshDays };
      return ageDays <= e.config.codeScanningFreshDays ? pass(evidence) : partial(0.5, evidence);
    },
  },
  {
    id: "CI-02",
    title: "No critical or high code scanning alerts beyond SLA",
    stage: "ci",
    evidenceSource: "findings:code",
    weight: 4,
    rule: "Fails when a critical or high code scanning alert stays open longer than its SLA (settings scoring.sla_days).",
    remediation: "Fix or triage the oldest critical and high code scanning alerts first; dismiss false positives with a reason.",
    mappings: { ssdf: ["RV.2.2", "PW.7.2"], scorecard: ["SAST"], dsomm: ["Treatment of defects with high or critical severity"] },
    evaluate: (e) => noneBeyondSla(e.findings.code, ["critical", "high"], tools(e).codeScanning, "Code scanning"),
  },
  {
    id: "CI-03",
    title: "Dependency vulnerability alerts are enabled",
    stage: "ci",
    evidenceSource: "repository-settings",
    weight: 2,
    rule: "Passes when Dependabot alerts (GitHub) or dependency scanning (Azure DevOps Advanced Security) is on.",
    remediation: "Enable Dependabot alerts (Settings → Code security) or Advanced Security dependency scanning.",
    mappings: { ssdf: ["PW.4.4", "RV.1.1"], scorecard: ["Vulnerabilities"], dsomm: ["Software Composition Analysis (server side)"] },
    evaluate: (e) => settingIsOn(tools(e).dependencyAlerts, "dependencyAlerts", "dependency alert setting not synced for this repository"),
  },
  {
    id: "CI-04",
    title: "Automatic dependency security updates are enabled",
    stage: "ci",
    evidenceSource: "repository-settings",
    weight: 2,
    rule: "Passes when Dependabot security updates open fix pull requests automatically; unknown where the platform has none.",
    remediation: "Enable Dependabot security updates so vulnerable dependencies get fix pull requests.",
    mappings: { ssdf: ["PW.4.4", "RV.2.2"], scorecard: ["Dependency-Update-Tool"], dsomm: ["Automated PRs for patches"] },
    evaluate: (e) => settingIsOn(tools(e).dependencySecurityUpdates, "dependencySecurityUpdates", e.repository.platform === "github" ? "security_and_analysis not synced for this repository" : "the platform has no automatic security-update pull requests"),
  },
  {
    id: "CI-05",
    title: "No critical or high vulnerable dependencies beyond SLA",
    stage: "ci",
    evidenceSource: "findings:dependency",
    weight: 3,
    rule: "Fails when a critical or high dependency alert stays open longer than its SLA.",
    remediation: "Upgrade the affected packages (merge the security-update pull requests) or dismiss with a reason when not exploitable.",
    mappings: { ssdf: ["PW.4.4", "RV.2.2"], scorecard: ["Vulnerabilities"], dsomm: ["Software Composition Analysis (server side)", "Treatment of defects with high or critical severity"] },
    evaluate: (e) => noneBeyondSla(e.findings.dependency, ["critical", "high"], tools(e).dependencyAlerts, "Dependency scanning"),
  },
  {
    id: "CI-06",
    title: "Required status checks gate the default branch",
    stage: "ci",
    evidenceSource: "branch-policies",
    weight: 2,
    rule: "Passes when merging to the default branch requires status checks (GitHub) or a build validation policy (Azure DevOps).",
    remediation: "Require the CI and code scanning checks to pass before merging to the default branch.",
    mappings: { ssdf: ["PW.8.2", "PO.3.2"], scorecard: ["Branch-Protection", "CI-Tests"], dsomm: ["Require status checks to pass"] },
    evaluate: (e) => withBranch(e, (b) => (b.requiredStatusChecks ? pass({ ...branchEvidence(e, b), requiredStatusChecks: true }) : fail({ ...branchEvidence(e, b), requiredStatusChecks: false }))),
  },
  {
    id: "CI-07",
    title: "No medium or low code and dependency alerts beyond SLA",
    stage: "ci",
    evidenceSource: "findings:all",
    weight: 1,
    rule: "Fails when a medium or low code scanning or dependency alert stays open longer than its SLA.",
    remediation: "Work down the backlog of medium and low alerts older than their SLA, or dismiss the ones that do not apply.",
    mappings: { ssdf: ["RV.2.2"], scorecard: ["Vulnerabilities", "SAST"], dsomm: ["Simple false positive treatment"] },
    evaluate: (e) => {
      const code = noneBeyondSla(e.findings.code, ["medium", "low"], tools(e).codeScanning, "Code scanning");
      const deps = noneBeyondSla(e.findings.dependency, ["medium", "low"], tools(e).dependencyAlerts, "Dependency scanning");
      const known = [code, deps].filter((o) => o.status !== "unknown");
      if (known.length === 0) return unknown("neither code scanning nor dependency scanning reported for this repository");
      const evidence = { code: code.evidence, dependencies: deps.evidence };
      return known.every((o) => o.status === "pass") ? pass(evidence) : fail(evidence);
    },
  },
];
