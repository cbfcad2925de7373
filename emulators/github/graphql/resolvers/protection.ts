// Branch protection (one rule on the default branch when the repository has one) and
// repository rulesets with their rules, as posture scoring reads them.
import type { BranchProtection } from "../../../world/github";
import { dateTime, nodeIdOf } from "../model";
import { paginate, type PageArgs } from "../pagination";
import { str, type TypeResolvers } from "../request-context";

const protection = (bp: BranchProtection | null): BranchProtection => {
  // Only reachable through a repository that has protection; a rule cannot outlive it mid-query.
  if (!bp) throw new Error("branch protection rule without protection");
  return bp;
};

export const branchProtectionRuleResolvers: TypeResolvers<"BranchProtectionRule"> = {
  id: ({ repo }) => nodeIdOf("BranchProtectionRule", repo.id),
  databaseId: ({ repo }) => repo.id,
  pattern: ({ repo }) => repo.defaultBranch,
  repository: ({ org, repo }) => ({ __typename: "Repository", org, repo }),
  requiresApprovingReviews: ({ repo }) => protection(repo.branchProtection).requiredApprovingReviewCount > 0,
  requiredApprovingReviewCount: ({ repo }) => protection(repo.branchProtection).requiredApprovingReviewCount,
  requiresCodeOwnerReviews: ({ repo }) => protection(repo.branchProtection).requireCodeOwnerReviews,
  dismissesStaleReviews: ({ repo }) => protection(repo.branchProtection).dismissStaleReviews,
  requiresStatusChecks: ({ repo }) => protection(repo.branchProtection).requiredStatusChecks.length > 0,
  requiredStatusCheckContexts: ({ repo }) => protection(repo.branchProtection).requiredStatusChecks,
  requiredStatusChecks: ({ repo }) => protection(repo.branchProtection).requiredStatusChecks.map((context) => ({ context, app: null })),
  requiresStrictStatusChecks: ({ repo }) => protection(repo.branchProtection).strictStatusChecks,
  requiresCommitSignatures: ({ repo }) => protection(repo.branchProtection).requireSignedCommits,
  requiresLinearHistory: ({ repo }) => protection(repo.branchProtection).requireLinearHistory,
  isAdminEnforced: ({ repo }) => protection(repo.branchProtection).enforceAdmins,
  allowsForcePushes: ({ repo }) => protection(repo.branchProtection).allowForcePushes,
  allowsDeletions: ({ repo }) => protection(repo.branchProtection).allowDeletions,
  matchingRefs: ({ org, repo }, args, _ctx, info) => paginate([{ key: [repo.id], node: { __typename: "Ref", org, repo } }], args as PageArgs, info),
};

/** Rule parameters as GitHub's GraphQL names them (snake_case REST keys → camelCase fields). */
function parametersOf(type: string, parameters: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!parameters) return null;
  const typename = type === "pull_request" ? "PullRequestParameters" : type === "required_status_checks" ? "RequiredStatusChecksParameters" : undefined;
  if (!typename) return null;
  const camel = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
  return { __typename: typename, ...camel };
}

export const rulesetResolvers: TypeResolvers<"RepositoryRuleset"> = {
  id: ({ ruleset }) => nodeIdOf("RepositoryRuleset", ruleset.id),
  databaseId: ({ ruleset }) => ruleset.id,
  name: ({ ruleset }) => ruleset.name,
  enforcement: ({ ruleset }) => ruleset.enforcement.toUpperCase(),
  target: () => "BRANCH",
  source: ({ org, repo }) => ({ __typename: "Repository", org, repo }),
  createdAt: ({ repo, ruleset }) => dateTime(Math.min(repo.createdAt, ruleset.updatedAt)),
  updatedAt: ({ ruleset }) => dateTime(ruleset.updatedAt),
  conditions: () => ({ refName: { include: ["~DEFAULT_BRANCH"], exclude: [] }, repositoryId: null, repositoryName: null, repositoryProperty: null }),
  rules: ({ org, repo, ruleset }, args, _ctx, info) => {
    const type = str(args.type)?.toLowerCase();
    const entries = ruleset.rules.flatMap((rule, ruleIndex) =>
      type && rule.type !== type ? [] : [{ key: [ruleIndex], node: { __typename: "RepositoryRule" as const, org, repo, ruleset, ruleIndex } }],
    );
    return paginate(entries, args as PageArgs, info);
  },
};

export const ruleResolvers: TypeResolvers<"RepositoryRule"> = {
  id: ({ ruleset, ruleIndex }) => nodeIdOf("RepositoryRule", ruleset.id * 100 + ruleIndex),
  type: ({ ruleset, ruleIndex }) => ruleset.rules[ruleIndex]!.type.toUpperCase(),
  parameters: ({ ruleset, ruleIndex }) => parametersOf(ruleset.rules[ruleIndex]!.type, ruleset.rules[ruleIndex]!.parameters),
  repositoryRuleset: ({ org, repo, ruleset }) => ({ __typename: "RepositoryRuleset", org, repo, ruleset }),
};
