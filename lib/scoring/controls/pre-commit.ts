// Pre-commit: what stops a secret or an unreviewed change before it lands on the default branch.
import { fail, partial, pass, settingIsOn, unknown, type Control } from "../control";
import { toolSettings } from "../repository-posture";
import { branchEvidence, sum, withBranch } from "./shared";

const NO_TOOL_SETTINGS = "security settings not synced for this repository (GitHub security_and_analysis, or settings.ado.advancedSecurity for Azure DevOps)";

export const PRE_COMMIT_CONTROLS: Control[] = [
  {
    id: "PRE-01",
    title: "Secret scanning is enabled",
    stage: "pre_commit",
    evidenceSource: "repository-settings",
    weight: 3,
    rule: "Passes when secret scanning is switched on for the repository.",
    remediation: "Enable secret scanning (GitHub: Settings → Code security → Secret scanning; Azure DevOps: Advanced Security).",
    mappings: { ssdf: ["PS.1.1", "PW.7.2"], scorecard: [], dsomm: ["Test for stored secrets"] },
    evaluate: (e) => settingIsOn(toolSettings(e.repository.platform, e.settings).secretScanning, "secretScanning", NO_TOOL_SETTINGS),
  },
  {
    id: "PRE-02",
    title: "Secret push protection is enabled",
    stage: "pre_commit",
    evidenceSource: "repository-settings",
    weight: 3,
    rule: "Passes when pushes containing detected secrets are blocked.",
    remediation: "Enable push protection for secret scanning so commits with secrets are refused at push time.",
    mappings: { ssdf: ["PS.1.1", "PW.7.2"], scorecard: [], dsomm: ["Test for stored secrets"] },
    evaluate: (e) => settingIsOn(toolSettings(e.repository.platform, e.settings).pushProtection, "pushProtection", NO_TOOL_SETTINGS),
  },
  {
    id: "PRE-03",
    title: "No open leaked secrets",
    stage: "pre_commit",
    evidenceSource: "findings:secret",
    weight: 4,
    rule: "Passes when no secret-scanning alert is open; unknown when secret scanning neither runs nor ever reported.",
    remediation: "Revoke and rotate each leaked credential, then close the alert as revoked.",
    mappings: { ssdf: ["PS.1.1", "RV.2.2"], scorecard: [], dsomm: ["Test for stored secrets", "Treatment of defects with high or critical severity"] },
    evaluate: (e) => {
      const bucket = e.findings.secret;
      const scanning = toolSettings(e.repository.platform, e.settings).secretScanning;
      if (bucket.total === 0 && scanning !== true) return unknown("secret scanning is not known to run on this repository", { secretScanning: scanning });
      const open = sum(bucket.open, ["critical", "high", "medium", "low", "info"]);
      return open === 0 ? pass({ openSecrets: 0 }) : fail({ openSecrets: open, findingIds: bucket.openIds });
    },
  },
  {
    id: "PRE-04",
    title: "Default branch requires a reviewed pull request",
    stage: "pre_commit",
    evidenceSource: "branch-policies",
    weight: 4,
    rule: "Passes when the default branch requires at least one approving review; partial (0.3) when it is protected without required review; fails when unprotected.",
    remediation: "Protect the default branch with a rule or ruleset (GitHub) or a minimum-reviewers branch policy (Azure DevOps) requiring at least one approval.",
    mappings: { ssdf: ["PS.1.1", "PW.7.1"], scorecard: ["Branch-Protection", "Code-Review"], dsomm: ["Require a PR before merging", "Source Control Protection"] },
    evaluate: (e) =>
      withBranch(e, (b) => {
        const evidence = { ...branchEvidence(e, b), requiredApprovals: b.requiredApprovals };
        if (b.requiredApprovals >= 1) return pass(evidence);
        return b.protected ? partial(0.3, evidence) : fail(evidence);
      }),
  },
  {
    id: "PRE-05",
    title: "Code owners must review changes",
    stage: "pre_commit",
    evidenceSource: "branch-policies",
    weight: 2,
    rule: "Passes when the default branch requires review from code owners (GitHub) or required reviewers (Azure DevOps).",
    remediation: "Add a CODEOWNERS file and require code-owner review on the default branch (Azure DevOps: a required-reviewers policy).",
    mappings: { ssdf: ["PW.7.1", "PO.2.1"], scorecard: ["Code-Review"], dsomm: ["Security code review"] },
    evaluate: (e) => withBranch(e, (b) => (b.codeOwnerReview ? pass : fail)({ ...branchEvidence(e, b), codeOwnerReview: b.codeOwnerReview })),
  },
  {
    id: "PRE-06",
    title: "Commits to the default branch must be signed",
    stage: "pre_commit",
    evidenceSource: "branch-policies",
    weight: 1,
    rule: "Passes when the default branch requires signed commits; unknown where the platform cannot require them.",
    remediation: "Require signed commits in the branch protection rule or ruleset of the default branch.",
    mappings: { ssdf: ["PS.1.1", "PS.2.1"], scorecard: ["Branch-Protection"], dsomm: ["Signing of code"] },
    evaluate: (e) =>
      withBranch(e, (b) => {
        if (b.signedCommits === null) return unknown("the platform has no commit-signature policy", { platform: b.platform });
        return (b.signedCommits ? pass : fail)({ ...branchEvidence(e, b), signedCommits: b.signedCommits });
      }),
  },
  {
    id: "PRE-07",
    title: "Force pushes and deletion of the default branch are blocked",
    stage: "pre_commit",
    evidenceSource: "branch-policies",
    weight: 2,
    rule: "Passes when both force pushes and deletion are blocked; partial (0.5) when one is.",
    remediation: "Disallow force pushes and branch deletion on the default branch.",
    mappings: { ssdf: ["PS.1.1"], scorecard: ["Branch-Protection"], dsomm: ["Block force pushes", "Source Control Protection"] },
    evaluate: (e) =>
      withBranch(e, (b) => {
        const blocked = Number(b.blocksForcePush) + Number(b.blocksDeletion);
        return partial(blocked / 2, { ...branchEvidence(e, b), blocksForcePush: b.blocksForcePush, blocksDeletion: b.blocksDeletion });
      }),
  },
  {
    id: "PRE-08",
    title: "New pushes dismiss stale approvals",
    stage: "pre_commit",
    evidenceSource: "branch-policies",
    weight: 1,
    rule: "Passes when an approval is reset once new commits are pushed to the pull request.",
    remediation: "Enable 'Dismiss stale pull request approvals' (GitHub) or 'reset votes on new pushes' (Azure DevOps).",
    mappings: { ssdf: ["PW.7.1"], scorecard: ["Branch-Protection", "Code-Review"], dsomm: ["Dismiss stale PR approvals"] },
    evaluate: (e) =>
      withBranch(e, (b) => {
        if (b.requiredApprovals === 0) return fail({ ...branchEvidence(e, b), reason: "no approval is required, so none can go stale" });
        return (b.dismissesStaleApprovals ? pass : fail)({ ...branchEvidence(e, b), dismissesStaleApprovals: b.dismissesStaleApprovals });
      }),
  },
];
