// Reads posture facts out of repository.settings, whichever platform synced them, so the
// control rules ask one question ("does the default branch require review?") and not two.
//
// GitHub (lib/sources/github/inventory.ts, lib/ingest/github/write-inventory.ts):
//   settings.branchProtectionRules[]  GraphQL BranchProtectionRule fields (pattern, requiresApprovingReviews, …)
//   settings.rulesets[]               { enforcement, target, rules: [{ type, parameters }] } (GraphQL enums)
//   settings.vulnerabilityAlerts      boolean | null
//   settings.securityAndAnalysis      REST security_and_analysis ({ secret_scanning: { status } …})
// Azure DevOps (lib/sources/azure-devops/map-inventory.ts; absent until that sync runs → unknown):
//   settings.ado.branchPolicies       { minimumReviewers, creatorVoteCounts, resetOnPush, requiredReviewers[],
//                                       buildValidation[], commentResolution, workItemLinking } — only the
//                                       enabled, blocking policies covering the default branch
//   settings.ado.bypass               { contributorsCanBypass }
//   settings.ado.environments[]       { name, approvals[], checks: [{ type, name }] } (approval: type "Approval")
//   settings.ado.advancedSecurity     { enabled?, secretScanning?, pushProtection?, dependencyScanning?, codeScanning? }
//                                     (not synced yet: read when it lands, unknown until then)
// A value that is absent reads as null ("Rampart cannot tell"), never as false.

export type Platform = "github" | "azure_devops";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] | null => (Array.isArray(value) ? value.filter(isObject) : null);
const bool = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);
const upper = (value: unknown): string => (typeof value === "string" ? value.toUpperCase() : "");

/** The platform's name for a branch without the "refs/heads/" prefix Azure DevOps adds. */
export const branchName = (ref: string): string => ref.replace(/^refs\/heads\//, "");

/** GitHub branch-protection patterns are fnmatch globs: `*` stays within a path segment, `**` does not. */
export function branchPatternMatches(pattern: string, branch: string): boolean {
  let regex = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      regex += ".*";
      i++;
    } else if (c === "*") regex += "[^/]*";
    else if (c === "?") regex += "[^/]";
    else regex += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // The pattern is built from escaped characters and two fixed wildcards only.
  // eslint-disable-next-line security/detect-non-literal-regexp
  return new RegExp(`^${regex}$`).test(branch);
}

/** What protects the default branch. Every field is null when the platform's evidence is missing. */
export interface BranchPosture {
  platform: Platform;
  /** Where the answer came from, for the evidence shown to people. */
  basis: string[];
  protected: boolean;
  requiredApprovals: number;
  codeOwnerReview: boolean;
  /** null: the platform cannot require it (Azure Repos has no commit-signature policy). */
  signedCommits: boolean | null;
  blocksForcePush: boolean;
  blocksDeletion: boolean;
  dismissesStaleApprovals: boolean;
  requiredStatusChecks: boolean;
}

function githubBranchPosture(settings: Json, defaultBranch: string | null): BranchPosture | null {
  const rules = objects(settings.branchProtectionRules);
  const rulesets = objects(settings.rulesets);
  if (rules === null && rulesets === null) return null;
  const branch = defaultBranch ? branchName(defaultBranch) : null;
  const matching = (rules ?? []).filter((r) => branch !== null && typeof r.pattern === "string" && branchPatternMatches(r.pattern, branch));
  // The inventory does not read ruleset conditions (which branches they target); an active
  // branch ruleset is taken to cover the default branch, which is what nearly all of them do.
  const active = (rulesets ?? []).filter((r) => upper(r.enforcement) === "ACTIVE" && (r.target === null || r.target === undefined || upper(r.target) === "BRANCH"));
  const ruleTypes = active.flatMap((r) => objects(r.rules) ?? []);
  const pullRequest = ruleTypes.filter((r) => upper(r.type) === "PULL_REQUEST").map((r) => (isObject(r.parameters) ? r.parameters : {}));
  const has = (type: string) => ruleTypes.some((r) => upper(r.type) === type);
  const approvals = Math.max(
    0,
    ...matching.map((r) => (r.requiresApprovingReviews === true ? Number(r.requiredApprovingReviewCount ?? 1) : 0)),
    ...pullRequest.map((p) => Number(p.requiredApprovingReviewCount ?? 0)),
  );
  return {
    platform: "github",
    basis: [...matching.map((r) => `branch protection rule "${String(r.pattern)}"`), ...active.map((r) => `ruleset "${String(r.name)}"`)],
    protected: matching.length > 0 || active.length > 0,
    requiredApprovals: approvals,
    codeOwnerReview: matching.some((r) => r.requiresCodeOwnerReviews === true) || pullRequest.some((p) => p.requireCodeOwnerReview === true),
    signedCommits: matching.some((r) => r.requiresCommitSignatures === true) || has("REQUIRED_SIGNATURES"),
    blocksForcePush: matching.some((r) => r.allowsForcePushes === false) || has("NON_FAST_FORWARD"),
    blocksDeletion: matching.some((r) => r.allowsDeletions === false) || has("DELETION"),
    dismissesStaleApprovals: matching.some((r) => r.dismissesStaleReviews === true) || pullRequest.some((p) => p.dismissStaleReviewsOnPush === true),
    requiredStatusChecks: matching.some((r) => r.requiresStatusChecks === true) || has("REQUIRED_STATUS_CHECKS"),
  };
}

/**
 * Azure DevOps: lib/ingest/azure-devops has already reduced the policy configurations to the
 * enabled, blocking ones covering the default branch (settings.ado.branchPolicies).
 */
function adoBranchPosture(settings: Json): BranchPosture | null {
  const ado = isObject(settings.ado) ? settings.ado : null;
  const policies = isObject(ado?.branchPolicies) ? ado.branchPolicies : null;
  if (!ado || !policies) return null;
  const minimum = Number(policies.minimumReviewers ?? 0);
  // When the author's own vote counts, one required approval can be the author's.
  const approvals = Math.max(0, minimum - (policies.creatorVoteCounts === true ? 1 : 0));
  const requiredReviewers = objects(policies.requiredReviewers) ?? [];
  const builds = objects(policies.buildValidation) ?? [];
  const protectedBranch = minimum > 0 || requiredReviewers.length > 0 || builds.length > 0 || policies.commentResolution === true || policies.workItemLinking === true;
  // A blocking policy makes pull requests the only way in, which rules out force pushes and
  // deletion — unless contributors hold the bypass permission.
  const bypass = isObject(ado.bypass) ? ado.bypass : {};
  const pullRequestsOnly = protectedBranch && bypass.contributorsCanBypass !== true;
  const basis = [
    ...(minimum > 0 ? [`minimum ${minimum} reviewer(s) policy`] : []),
    ...(requiredReviewers.length ? ["required reviewers policy"] : []),
    ...builds.map((b) => `build validation "${String(b.displayName ?? b.buildDefinitionId)}"`),
  ];
  return {
    platform: "azure_devops",
    basis,
    protected: protectedBranch,
    requiredApprovals: approvals,
    codeOwnerReview: requiredReviewers.length > 0,
    signedCommits: null,
    blocksForcePush: pullRequestsOnly,
    blocksDeletion: pullRequestsOnly,
    dismissesStaleApprovals: policies.resetOnPush === true,
    requiredStatusChecks: builds.length > 0,
  };
}

/** The default branch's protection, or null when the repository's settings carry no evidence of it. */
export function branchPosture(platform: string, settings: Json, defaultBranch: string | null): BranchPosture | null {
  if (platform === "github") return githubBranchPosture(settings, defaultBranch);
  if (platform === "azure_devops") return adoBranchPosture(settings);
  return null;
}

/** Which security tools are switched on; null where the platform's evidence is missing. */
export interface ToolSettings {
  secretScanning: boolean | null;
  pushProtection: boolean | null;
  dependencyAlerts: boolean | null;
  dependencySecurityUpdates: boolean | null;
  codeScanning: boolean | null;
}

function githubStatus(sa: Json | null, key: string): boolean | null {
  const entry = sa?.[key];
  if (!isObject(entry) || typeof entry.status !== "string") return null;
  return entry.status === "enabled";
}

export function toolSettings(platform: string, settings: Json): ToolSettings {
  if (platform === "github") {
    const sa = isObject(settings.securityAndAnalysis) ? settings.securityAndAnalysis : null;
    return {
      secretScanning: githubStatus(sa, "secret_scanning"),
      pushProtection: githubStatus(sa, "secret_scanning_push_protection"),
      dependencyAlerts: bool(settings.vulnerabilityAlerts),
      dependencySecurityUpdates: githubStatus(sa, "dependabot_security_updates"),
      // security_and_analysis does not say whether code scanning is set up.
      codeScanning: null,
    };
  }
  const ado = isObject(settings.ado) ? settings.ado : null;
  const ghazdo = isObject(ado?.advancedSecurity) ? ado.advancedSecurity : null;
  // Advanced Security for Azure DevOps switches its scanners on together unless told apart.
  const enabled = bool(ghazdo?.enabled);
  const feature = (key: string) => bool(ghazdo?.[key]) ?? enabled;
  return {
    secretScanning: feature("secretScanning"),
    pushProtection: feature("pushProtection"),
    dependencyAlerts: feature("dependencyScanning"),
    // Azure DevOps has no automatic security-update pull requests.
    dependencySecurityUpdates: null,
    codeScanning: feature("codeScanning"),
  };
}

/** A check configuration's type: `{ type: { name: "Approval" } }` as the REST API has it, or a plain string. */
const checkType = (check: Json): string => (isObject(check.type) ? String(check.type.name ?? "") : String(check.type ?? ""));

/** Deployment environments and whether each requires an approval (Azure DevOps only, for now). */
export function environmentApprovals(settings: Json): { name: string; approval: boolean }[] | null {
  const ado = isObject(settings.ado) ? settings.ado : null;
  const environments = objects(ado?.environments);
  if (environments === null) return null;
  return environments.map((e) => ({
    name: String(e.name ?? "?"),
    approval: (objects(e.approvals) ?? []).length > 0 || (objects(e.checks) ?? []).some((c) => /approval/i.test(checkType(c))),
  }));
}
