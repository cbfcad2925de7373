// Branch protection and rulesets as the REST API and webhooks show them, from the world's
// BranchProtection / Ruleset records.
import type { EmulatorContext } from "../../core/context";
import type { BranchProtection, Repository, Ruleset } from "../../world/github";
import type { Schema } from "../schema-types";
import { apiBase, iso, webBase } from "./urls";

export function branchProtection(ctx: EmulatorContext, repo: Repository, branch: string, p: BranchProtection): Schema<"branch-protection"> {
  const url = `${apiBase(ctx)}/repos/${repo.fullName}/branches/${branch}/protection`;
  return {
    url,
    ...(p.requiredStatusChecks.length > 0
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: p.strictStatusChecks,
            contexts: p.requiredStatusChecks,
            contexts_url: `${url}/required_status_checks/contexts`,
            checks: p.requiredStatusChecks.map((context) => ({ context, app_id: null })),
          },
        }
      : {}),
    required_pull_request_reviews: {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: p.dismissStaleReviews,
      require_code_owner_reviews: p.requireCodeOwnerReviews,
      required_approving_review_count: p.requiredApprovingReviewCount,
      require_last_push_approval: false,
    },
    required_signatures: { url: `${url}/required_signatures`, enabled: p.requireSignedCommits },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforceAdmins },
    required_linear_history: { enabled: p.requireLinearHistory },
    allow_force_pushes: { enabled: p.allowForcePushes },
    allow_deletions: { enabled: p.allowDeletions },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

type Rule = Schema<"repository-rule">;

/** The world's rules are GitHub-shaped already; pull_request gains the merge methods GitHub reports. */
export function rulesOf(ruleset: Ruleset): Rule[] {
  return ruleset.rules.map((rule) =>
    rule.type === "pull_request"
      ? ({ type: "pull_request", parameters: { allowed_merge_methods: ["merge", "squash", "rebase"], ...rule.parameters } } as Rule)
      : ({ ...rule } as Rule),
  );
}

/** A ruleset; `detail` adds conditions and rules (the list endpoint omits them, as GitHub does). */
export function repositoryRuleset(ctx: EmulatorContext, repo: Repository, ruleset: Ruleset, detail: boolean): Schema<"repository-ruleset"> {
  const summary: Schema<"repository-ruleset"> = {
    id: ruleset.id,
    name: ruleset.name,
    target: "branch",
    source_type: "Repository",
    source: repo.fullName,
    enforcement: ruleset.enforcement,
    node_id: Buffer.from(`RRS_${ruleset.id}`).toString("base64"),
    _links: {
      self: { href: `${apiBase(ctx)}/repos/${repo.fullName}/rulesets/${ruleset.id}` },
      html: { href: `${webBase(ctx)}/${repo.fullName}/rules/${ruleset.id}` },
    },
    created_at: iso(repo.createdAt),
    updated_at: iso(ruleset.updatedAt),
  };
  if (!detail) return summary;
  return {
    ...summary,
    bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }],
    current_user_can_bypass: "never",
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    rules: rulesOf(ruleset),
  };
}
