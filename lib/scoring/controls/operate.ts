// Operate: what runs (Defender alerts, secure score, cloud recommendations on linked
// resources), who holds the keys (tokens, permissions, bypasses in the audit log), and
// whether findings get fixed within target.
import { fail, partial, pass, unknown, type Control, type ControlOutcome } from "../control";
import type { RepositoryEvidence, SignalTally, SlaSeverity } from "../evidence";
import { sum } from "./shared";

const NO_AUDIT = "no Azure DevOps audit log covers this repository (GitHub repositories, or an Azure DevOps organization not synced yet)";
const NO_CLOUD = "no cloud resource is linked to this repository (code-to-cloud link from Defender DevOps security)";
const count = (tallies: Record<string, SignalTally>, signal: string) => tallies[signal]?.count ?? 0;
const high = (tallies: Record<string, SignalTally>, signal: string) => (tallies[signal]?.bySeverity.high ?? 0) + (tallies[signal]?.bySeverity.critical ?? 0);
const ids = (tallies: Record<string, SignalTally>, ...signals: string[]) => signals.flatMap((s) => tallies[s]?.eventIds ?? []).slice(0, 5);

function withAudit(e: RepositoryEvidence, rule: (audit: NonNullable<RepositoryEvidence["audit"]>, window: Record<string, unknown>) => ControlOutcome): ControlOutcome {
  if (!e.audit) return unknown(NO_AUDIT);
  return rule(e.audit, { windowDays: e.audit.windowDays, auditCoveredFrom: e.audit.coveredFrom });
}

const SLA_SEVERITIES: SlaSeverity[] = ["critical", "high", "medium", "low"];

export const OPERATE_CONTROLS: Control[] = [
  {
    id: "OPS-01",
    title: "No active high-severity Defender alerts",
    stage: "operate",
    evidenceSource: "defender:alerts",
    weight: 4,
    rule: "Fails while a critical or high Defender for Cloud security alert on a linked resource is open; unknown without linked resources.",
    remediation: "Investigate and resolve the alert in Defender for Cloud; dismiss it there when it is a false positive.",
    mappings: { ssdf: ["RV.1.1", "RV.2.2"], scorecard: [], dsomm: ["Alerting"] },
    evaluate: (e) => {
      if (e.cloud.linkedResources === 0) return unknown(NO_CLOUD);
      const bucket = e.findings.cloud_alert;
      const open = sum(bucket.open, ["critical", "high"]);
      return (open === 0 ? pass : fail)({ openCriticalHighAlerts: open, findingIds: open ? bucket.openIds : [] });
    },
  },
  {
    id: "OPS-02",
    title: "Secure score at or above threshold",
    stage: "operate",
    evidenceSource: "defender:secure-score",
    weight: 3,
    rule: "Passes when the lowest Defender secure score of the subscriptions the repository's resources live in reaches scoring.secure_score_threshold (percent).",
    remediation: "Work through the secure score's top controls in Defender for Cloud for the subscriptions listed.",
    mappings: { ssdf: ["PO.5.1", "RV.1.2"], scorecard: [], dsomm: ["Test the cloud configuration", "Coverage and control metrics"] },
    evaluate: (e) => {
      if (e.cloud.linkedResources === 0) return unknown(NO_CLOUD);
      if (e.cloud.secureScorePercent === null) return unknown("no secure score captured for the linked subscriptions", { subscriptions: e.cloud.subscriptions });
      const evidence = { secureScorePercent: e.cloud.secureScorePercent, threshold: e.config.secureScoreThreshold, subscriptions: e.cloud.subscriptions };
      return e.cloud.secureScorePercent >= e.config.secureScoreThreshold ? pass(evidence) : fail(evidence);
    },
  },
  {
    id: "OPS-03",
    title: "No high-severity cloud recommendations on linked resources",
    stage: "operate",
    evidenceSource: "defender:recommendations",
    weight: 2,
    rule: "Fails while a critical or high Defender recommendation on a linked running resource is unhealthy; partial (0.5) with only medium/low ones.",
    remediation: "Remediate the unhealthy recommendations of the resources this repository deploys.",
    mappings: { ssdf: ["PO.5.1", "RV.2.2"], scorecard: [], dsomm: ["Test the cloud configuration"] },
    evaluate: (e) => {
      if (e.cloud.linkedResources === 0) return unknown(NO_CLOUD);
      const bucket = e.findings.cloud_recommendation;
      const serious = sum(bucket.open, ["critical", "high"]);
      const minor = sum(bucket.open, ["medium", "low"]);
      const evidence = { openCriticalHigh: serious, openMediumLow: minor, findingIds: bucket.openIds };
      if (serious > 0) return fail(evidence);
      return minor > 0 ? partial(0.5, evidence) : pass(evidence);
    },
  },
  {
    id: "OPS-04",
    title: "No branch-policy bypasses in the audit window",
    stage: "operate",
    evidenceSource: "azure-devops:audit-log",
    weight: 3,
    rule: "Fails when someone bypassed or removed a branch policy of this repository within scoring.audit_window_days.",
    remediation: "Review who holds 'Bypass policies' permissions and remove them; restore removed policies.",
    mappings: { ssdf: ["PS.1.1", "PO.5.1"], scorecard: ["Branch-Protection"], dsomm: ["Source Control Protection", "Simple access control for systems"] },
    evaluate: (e) =>
      withAudit(e, (a, window) => {
        const bypasses = count(a.repository, "branch-policy-bypassed");
        const removed = count(a.repository, "branch-policy-removed");
        return (bypasses + removed === 0 ? pass : fail)({ ...window, bypasses, policiesRemoved: removed, actors: a.repository["branch-policy-bypassed"]?.actors ?? [], auditEventIds: ids(a.repository, "branch-policy-bypassed", "branch-policy-removed") });
      }),
  },
  {
    id: "OPS-05",
    title: "No leaked or unexpected personal access tokens",
    stage: "operate",
    evidenceSource: "azure-devops:audit-log",
    weight: 2,
    rule: "Fails when a PAT of the organization was found leaked in the audit window; partial (0.5) when someone outside scoring.expected_pat_creators created one.",
    remediation: "Revoke leaked tokens now; move automation to workload identities or service principals and restrict PAT creation by policy.",
    mappings: { ssdf: ["PO.5.1", "PS.1.1"], scorecard: ["Token-Permissions"], dsomm: ["Simple access control for systems"] },
    evaluate: (e) =>
      withAudit(e, (a, window) => {
        const created = a.organization["pat-created"];
        const unexpected = (created?.actors ?? []).filter((actor) => !e.config.expectedPatCreators.includes(actor));
        const evidence = { ...window, leaked: count(a.organization, "pat-leaked"), created: created?.count ?? 0, unexpectedCreators: unexpected.slice(0, 10), auditEventIds: ids(a.organization, "pat-leaked", "pat-created") };
        if (evidence.leaked > 0) return fail(evidence);
        return unexpected.length > 0 ? partial(0.5, evidence) : pass(evidence);
      }),
  },
  {
    id: "OPS-06",
    title: "Mean time to remediate within target",
    stage: "operate",
    evidenceSource: "findings:all",
    weight: 2,
    rule: "Score is the share of severities whose findings fixed or resolved in the last 90 days were, on average, fixed within their SLA; unknown when nothing was fixed.",
    remediation: "Triage new findings within days and fix by severity order; the SLA targets are in settings (scoring.sla_days).",
    mappings: { ssdf: ["RV.2.2", "RV.3.3"], scorecard: ["Maintained"], dsomm: ["Treatment of defects with high or critical severity", "Coverage and control metrics"] },
    evaluate: (e) => {
      const measured = SLA_SEVERITIES.filter((s) => e.remediation[s].closed > 0);
      if (measured.length === 0) return unknown("no finding was fixed or resolved in the last 90 days");
      const within = measured.filter((s) => e.remediation[s].meanHours! <= e.config.slaDays[s] * 24);
      const mttrHours = Object.fromEntries(measured.map((s) => [s, e.remediation[s].meanHours]));
      return partial(within.length / measured.length, { mttrHours, targetDays: e.config.slaDays, withinTarget: within });
    },
  },
  {
    id: "OPS-07",
    title: "No privileged permission grants in the audit window",
    stage: "operate",
    evidenceSource: "azure-devops:audit-log",
    weight: 2,
    rule: "Fails when a bypass, force-push or permission-management right was granted, or someone was added to an administrators group, in the audit window.",
    remediation: "Review each grant; grant privileged rights to groups with just-in-time elevation instead of individuals.",
    mappings: { ssdf: ["PO.5.1", "PS.1.1"], scorecard: [], dsomm: ["Least-privilege access baseline", "MFA for admins"] },
    evaluate: (e) =>
      withAudit(e, (a, window) => {
        const grants = high(a.organization, "permission-changed");
        const admins = high(a.organization, "group-member-added");
        return (grants + admins === 0 ? pass : fail)({ ...window, privilegedGrants: grants, adminGroupAdditions: admins, auditEventIds: ids(a.organization, "permission-changed", "group-member-added") });
      }),
  },
  {
    id: "OPS-08",
    title: "Audit log streaming stays on",
    stage: "operate",
    evidenceSource: "azure-devops:audit-log",
    weight: 1,
    rule: "Fails when an audit stream was deleted or disabled in the audit window.",
    remediation: "Re-enable the audit stream to the SIEM and restrict who may manage audit streams.",
    mappings: { ssdf: ["PO.3.3", "PO.5.1"], scorecard: [], dsomm: ["Centralized system logging"] },
    evaluate: (e) =>
      withAudit(e, (a, window) => {
        const disabled = count(a.organization, "audit-stream-disabled");
        return (disabled === 0 ? pass : fail)({ ...window, streamsDisabled: disabled, auditEventIds: ids(a.organization, "audit-stream-disabled") });
      }),
  },
];
