// CD: what ships (IaC, images, the repository's Defender DevOps posture) and who may change the
// delivery path (pipelines, checks, approvals, service connections in the Azure DevOps audit log).
import { fail, partial, pass, unknown, type Control, type ControlOutcome } from "../control";
import type { FindingBucket, RepositoryEvidence, SignalTally } from "../evidence";
import { environmentApprovals } from "../repository-posture";
import { sum } from "./shared";

const NO_AUDIT = "no Azure DevOps audit log covers this repository (GitHub repositories, or an Azure DevOps organization not synced yet)";
const count = (tallies: Record<string, SignalTally>, signal: string) => tallies[signal]?.count ?? 0;
const ids = (tallies: Record<string, SignalTally>, ...signals: string[]) => signals.flatMap((s) => tallies[s]?.eventIds ?? []).slice(0, 5);

/** Open IaC or image findings: critical/high fail, only medium/low is partial (0.5), none passes. */
function noUnresolved(bucket: FindingBucket, tool: string): ControlOutcome {
  if (bucket.total === 0) return unknown(`${tool} has reported nothing for this repository`);
  const serious = sum(bucket.open, ["critical", "high"]);
  const minor = sum(bucket.open, ["medium", "low"]);
  const evidence = { openCriticalHigh: serious, openMediumLow: minor, findingIds: bucket.openIds };
  if (serious > 0) return fail(evidence);
  return minor > 0 ? partial(0.5, evidence) : pass(evidence);
}

/** Runs `rule` on the repository's project-level audit signals, or answers unknown without an audit log. */
function withProjectAudit(e: RepositoryEvidence, rule: (project: Record<string, SignalTally>, window: Record<string, unknown>) => ControlOutcome): ControlOutcome {
  if (!e.audit) return unknown(NO_AUDIT);
  if (!e.repository.projectName) return unknown("the repository has no Azure DevOps project to match audit entries on");
  return rule(e.audit.project, { project: e.repository.projectName, windowDays: e.audit.windowDays, auditCoveredFrom: e.audit.coveredFrom });
}

export const CD_CONTROLS: Control[] = [
  {
    id: "CD-01",
    title: "No unresolved infrastructure-as-code findings",
    stage: "cd",
    evidenceSource: "findings:iac",
    weight: 2,
    rule: "Fails on an open critical/high IaC finding; partial (0.5) with only medium/low ones open; unknown when no IaC scanner reported.",
    remediation: "Fix the misconfigurations in the templates (Terraform, Bicep, ARM, Kubernetes manifests) before they deploy.",
    mappings: { ssdf: ["PW.5.1", "PW.7.2"], scorecard: [], dsomm: ["Test the definition of virtualized environments", "Test the cloud configuration"] },
    evaluate: (e) => noUnresolved(e.findings.iac, "IaC scanning"),
  },
  {
    id: "CD-02",
    title: "No unresolved container image findings",
    stage: "cd",
    evidenceSource: "findings:container",
    weight: 2,
    rule: "Fails on an open critical/high image vulnerability; partial (0.5) with only medium/low ones open; unknown when no image scanner reported.",
    remediation: "Rebuild images on patched base images and redeploy; remove unused images from the registry.",
    mappings: { ssdf: ["PW.4.4", "RV.2.2"], scorecard: ["Vulnerabilities", "Pinned-Dependencies"], dsomm: ["Test for image lifetime", "Test cluster deployment resources"] },
    evaluate: (e) => noUnresolved(e.findings.container, "Container scanning"),
  },
  {
    id: "CD-03",
    title: "Defender DevOps recommendations are healthy",
    stage: "cd",
    evidenceSource: "defender:devops",
    weight: 3,
    rule: "Score is the share of the repository's Defender DevOps recommendations that are healthy; pass at 100%, fail below 50%.",
    remediation: "Open the repository in Defender for Cloud → DevOps security and remediate its unhealthy recommendations.",
    mappings: { ssdf: ["PO.3.2", "PO.5.1"], scorecard: [], dsomm: ["Test the cloud configuration", "Usage of a vulnerability management system"] },
    evaluate: (e) => {
      const bucket = e.findings.devops_recommendation;
      if (bucket.total === 0) return unknown("Defender for Cloud DevOps security has assessed nothing for this repository (no code-to-cloud link or no connector)");
      const open = sum(bucket.open, ["critical", "high", "medium", "low", "info"]);
      const healthy = (bucket.total - open) / bucket.total;
      const evidence = { assessed: bucket.total, unhealthy: open, findingIds: bucket.openIds };
      return healthy < 0.5 ? fail(evidence) : partial(healthy, evidence);
    },
  },
  {
    id: "CD-04",
    title: "Pipeline and approval changes keep deployments gated",
    stage: "cd",
    evidenceSource: "azure-devops:audit-log",
    weight: 2,
    rule: "Fails when a deployment check or approval was removed in the audit window; partial (0.5) when pipelines or checks changed and no gated deployment was approved; passes otherwise.",
    remediation: "Restore removed checks and approvals on the environments; route pipeline changes through pull requests.",
    mappings: { ssdf: ["PO.3.2", "PO.5.1", "PS.1.1"], scorecard: ["Dangerous-Workflow"], dsomm: ["Defined deployment process"] },
    evaluate: (e) =>
      withProjectAudit(e, (p, window) => {
        const changes = count(p, "pipeline-modified") + count(p, "pipeline-settings-modified") + count(p, "check-modified");
        const evidence = { ...window, checksRemoved: count(p, "check-removed"), changes, approvals: count(p, "deployment-approved"), auditEventIds: ids(p, "check-removed", "check-modified", "pipeline-settings-modified") };
        if (evidence.checksRemoved > 0) return fail(evidence);
        return changes > 0 && evidence.approvals === 0 ? partial(0.5, evidence) : pass(evidence);
      }),
  },
  {
    id: "CD-05",
    title: "No service-connection sprawl",
    stage: "cd",
    evidenceSource: "azure-devops:audit-log",
    weight: 2,
    rule: "Fails when a service connection was shared across projects in the audit window; partial (0.5) when more were created than scoring.service_connections_per_window allows.",
    remediation: "Keep one service connection per target and project, scoped to the pipelines that need it (workload identity federation); unshare cross-project connections.",
    mappings: { ssdf: ["PO.5.1", "PS.1.1"], scorecard: ["Token-Permissions"], dsomm: ["Environment depending configuration parameters (secrets)"] },
    evaluate: (e) =>
      withProjectAudit(e, (p, window) => {
        const evidence = { ...window, shared: count(p, "service-connection-shared"), created: count(p, "service-connection-created"), limit: e.config.serviceConnectionsPerWindow, auditEventIds: ids(p, "service-connection-shared", "service-connection-created") };
        if (evidence.shared > 0) return fail(evidence);
        return evidence.created > evidence.limit ? partial(0.5, evidence) : pass(evidence);
      }),
  },
  {
    id: "CD-06",
    title: "Deployment environments require approval",
    stage: "cd",
    evidenceSource: "repository-settings",
    weight: 2,
    rule: "Score is the share of the repository's deployment environments with an approval check; unknown when environments are not synced.",
    remediation: "Add an approval check to each environment the repository's pipelines deploy to (production first).",
    mappings: { ssdf: ["PO.5.1", "PS.1.1"], scorecard: [], dsomm: ["Defined deployment process"] },
    evaluate: (e) => {
      const environments = environmentApprovals(e.settings);
      if (environments === null) return unknown("deployment environments not synced for this repository (settings.ado.environments)");
      if (environments.length === 0) return unknown("the repository deploys to no environment", { environments: [] });
      const approved = environments.filter((x) => x.approval).length;
      return partial(approved / environments.length, { environments: environments.length, withApproval: approved, without: environments.filter((x) => !x.approval).map((x) => x.name).slice(0, 10) });
    },
  },
  {
    id: "CD-07",
    title: "Protected resources are not opened to every pipeline",
    stage: "cd",
    evidenceSource: "azure-devops:audit-log",
    weight: 1,
    rule: "Fails when a protected resource (service connection, agent pool, environment) was authorized for all pipelines of the project in the audit window.",
    remediation: "Authorize protected resources per pipeline instead of 'Grant access permission to all pipelines'.",
    mappings: { ssdf: ["PO.5.1"], scorecard: ["Token-Permissions"], dsomm: ["Least-privilege access baseline"] },
    evaluate: (e) =>
      withProjectAudit(e, (p, window) => {
        const opened = count(p, "pipeline-resource-opened");
        return (opened === 0 ? pass : fail)({ ...window, openedToAllPipelines: opened, auditEventIds: ids(p, "pipeline-resource-opened") });
      }),
  },
];
