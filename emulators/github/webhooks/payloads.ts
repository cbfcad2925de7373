// What GitHub posts for each world event: the event name, its action and a payload in the shape
// of @octokit/openapi-webhooks (repository, organization, sender; the sender adds installation).
// Alerts are rendered as of the event (a "created" alert is open even if it has closed since).
import type { EmulatorContext } from "../../core/context";
import type { AlertRow } from "../../world/alerts";
import type { Organization, Repository } from "../../world/github";
import type { WorldEvent } from "../../world/world";
import { codeScanningAlert, codeState } from "../alerts/code-scanning";
import { dependabotAlert } from "../alerts/dependabot";
import { secretScanningAlert } from "../alerts/secret-scanning";
import { organizationSimple } from "../objects/organizations";
import { repositoryRuleset } from "../objects/protection";
import { ADMIN_PERMISSIONS, fullRepository, securityAndAnalysis } from "../objects/repositories";
import { BOTS, botUser, memberUser, simpleUser } from "../objects/users";
import { iso } from "../objects/urls";

export interface WebhookMessage {
  event: string;
  action: string | null;
  orgIndex: number;
  body: Record<string, unknown>;
}

/** repository-webhooks: the full repository minus what only the REST API shows. */
export function webhookRepository(ctx: EmulatorContext, org: Organization, repo: Repository): Record<string, unknown> {
  const { permissions: _p, security_and_analysis: _s, temp_clone_token: _t, ...rest } = fullRepository(ctx, org, repo, ADMIN_PERMISSIONS);
  return rest;
}

function envelope(ctx: EmulatorContext, org: Organization, repo: Repository) {
  return { repository: webhookRepository(ctx, org, repo), organization: organizationSimple(ctx, org) };
}

const orgAdmin = (ctx: EmulatorContext, org: Organization) => simpleUser(ctx, org.members[0]!.userIndex);

/** The row as it stood when the event happened, as far as the table still knows it. */
function asOf(row: AlertRow, event: Extract<WorldEvent, { type: "alert" }>): AlertRow | null {
  if (event.action === "closed") return row.state === "open" ? null : row;
  if (row.state === "open" && event.action === "reopened") return row;
  const at = event.action === "created" ? row.createdAt : event.at;
  return { ...row, state: "open", closedAt: null, closedBy: null, updatedAt: at };
}

function alertMessage(ctx: EmulatorContext, event: Extract<WorldEvent, { type: "alert" }>): WebhookMessage | null {
  const org = ctx.world.github.orgs[event.orgIndex]!;
  const row = asOf(ctx.world.alerts(event.orgIndex, event.kind).get(event.row), event);
  if (!row) return null;
  const repo = org.repos[row.repoIndex]!;
  const closer = row.closedBy === null ? null : memberUser(ctx, org, row.closedBy);
  const base = envelope(ctx, org, repo);

  if (event.kind === "code_scanning") {
    // Webhooks always send fixed_at as null (the field is deprecated there); the REST API fills it.
    const alert = { ...codeScanningAlert(ctx, org, repo, row, false), fixed_at: null };
    const state = codeState(row);
    const action = event.action === "created" ? "created" : event.action === "reopened" ? "reopened" : state === "fixed" ? "fixed" : "closed_by_user";
    const sender = action === "closed_by_user" && closer ? closer : botUser(ctx, BOTS.codeScanning);
    const commit = alert.most_recent_instance.commit_sha ?? null;
    return { event: "code_scanning_alert", action, orgIndex: event.orgIndex, body: { action, alert, ref: `refs/heads/${repo.defaultBranch}`, commit_oid: commit, ...base, sender } };
  }

  if (event.kind === "secret_scanning") {
    const full = secretScanningAlert(ctx, org, repo, row, true);
    // The webhook's alert is a narrower object than the REST one (no state, no locations).
    const alert = {
      number: full.number,
      created_at: full.created_at,
      updated_at: full.updated_at,
      url: full.url,
      html_url: full.html_url,
      locations_url: full.locations_url,
      resolution: full.resolution,
      resolved_at: full.resolved_at,
      resolved_by: full.resolved_by,
      resolution_comment: full.resolution_comment,
      secret_type: full.secret_type,
      secret_type_display_name: full.secret_type_display_name,
      validity: full.validity,
      push_protection_bypassed: full.push_protection_bypassed,
      push_protection_bypassed_by: full.push_protection_bypassed_by,
      push_protection_bypassed_at: full.push_protection_bypassed_at,
      push_protection_bypass_request_reviewer: null,
      push_protection_bypass_request_reviewer_comment: null,
      push_protection_bypass_request_comment: null,
      push_protection_bypass_request_html_url: null,
      publicly_leaked: full.publicly_leaked,
      multi_repo: full.multi_repo,
      assigned_to: null,
    };
    const action = event.action === "closed" ? "resolved" : event.action;
    const sender = action === "resolved" && closer ? closer : action === "reopened" ? orgAdmin(ctx, org) : botUser(ctx, BOTS.secretScanning);
    return { event: "secret_scanning_alert", action, orgIndex: event.orgIndex, body: { action, alert, ...base, sender } };
  }

  const { assignees: _a, ...alert } = dependabotAlert(ctx, org, repo, row);
  const { classification: _c, ...securityAdvisory } = alert.security_advisory;
  const action = event.action === "closed" ? alert.state : event.action;
  const sender = action === "dismissed" && closer ? closer : botUser(ctx, BOTS.dependabot);
  return { event: "dependabot_alert", action, orgIndex: event.orgIndex, body: { action, alert: { ...alert, security_advisory: securityAdvisory }, ...base, sender } };
}

/** webhooks_rule: a branch protection rule as the branch_protection_rule event shows it. */
function protectionRule(repo: Repository) {
  const p = repo.branchProtection!;
  const level = p.enforceAdmins ? "everyone" : "non_admins";
  const on = (enabled: boolean) => (enabled ? level : "off");
  return {
    id: 30_000_000 + repo.id,
    repository_id: repo.id,
    name: repo.defaultBranch,
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    pull_request_reviews_enforcement_level: level,
    required_approving_review_count: p.requiredApprovingReviewCount,
    dismiss_stale_reviews_on_push: p.dismissStaleReviews,
    require_code_owner_review: p.requireCodeOwnerReviews,
    authorized_dismissal_actors_only: false,
    ignore_approvals_from_contributors: false,
    require_last_push_approval: false,
    required_status_checks: p.requiredStatusChecks,
    required_status_checks_enforcement_level: on(p.requiredStatusChecks.length > 0),
    strict_required_status_checks_policy: p.strictStatusChecks,
    signature_requirement_enforcement_level: on(p.requireSignedCommits),
    linear_history_requirement_enforcement_level: on(p.requireLinearHistory),
    lock_branch_enforcement_level: "off",
    lock_allows_fork_sync: false,
    admin_enforced: p.enforceAdmins,
    create_protected: false,
    allow_force_pushes_enforcement_level: p.allowForcePushes ? "everyone" : "off",
    allow_deletions_enforcement_level: p.allowDeletions ? "everyone" : "off",
    merge_queue_enforcement_level: "off",
    required_deployments_enforcement_level: "off",
    required_conversation_resolution_level: "off",
    authorized_actors_only: false,
    authorized_actor_names: [],
  };
}

/** The delivery a world event causes, or null for events that are not GitHub's (or no longer apply). */
export function messageFor(ctx: EmulatorContext, event: WorldEvent): WebhookMessage | null {
  if (event.type === "alert") return alertMessage(ctx, event);
  if (event.type !== "security_and_analysis" && event.type !== "branch_protection_rule" && event.type !== "repository_ruleset") return null;
  const org = ctx.world.github.orgs[event.orgIndex]!;
  const repo = org.repos[event.repoIndex]!;
  const base = envelope(ctx, org, repo);
  const sender = orgAdmin(ctx, org);

  if (event.type === "security_and_analysis") {
    const current = securityAndAnalysis(repo);
    const from = { ...current, [event.setting]: { status: event.enabled ? "disabled" : "enabled" } };
    const repository = fullRepository(ctx, org, repo, ADMIN_PERMISSIONS);
    return { event: "security_and_analysis", action: null, orgIndex: event.orgIndex, body: { changes: { from: { security_and_analysis: from } }, repository, organization: base.organization, sender } };
  }
  if (event.type === "branch_protection_rule") {
    if (!repo.branchProtection) return null;
    return { event: "branch_protection_rule", action: event.action, orgIndex: event.orgIndex, body: { action: event.action, rule: protectionRule(repo), ...base, sender } };
  }
  const ruleset = repo.rulesets.find((r) => r.id === event.rulesetId);
  if (!ruleset) return null;
  const previous = ruleset.enforcement === "active" ? "evaluate" : "active";
  return {
    event: "repository_ruleset",
    action: event.action,
    orgIndex: event.orgIndex,
    body: { action: event.action, repository_ruleset: repositoryRuleset(ctx, repo, ruleset, true), changes: { enforcement: { from: previous } }, ...base, sender },
  };
}
