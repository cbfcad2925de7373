// Organizations as GitHub shows them: organization-simple in lists, organization-full (with the
// admin-only fields for callers who administer it) from GET /orgs/{org}.
import type { EmulatorContext } from "../../core/context";
import type { Organization } from "../../world/github";
import type { Schema } from "../schema-types";
import { apiBase, iso, webBase } from "./urls";

export function organizationSimple(ctx: EmulatorContext, org: Organization): Schema<"organization-simple"> {
  const url = `${apiBase(ctx)}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: `${org.name} engineering`,
  };
}

/** organization-full; `admin` adds what only owners see (plan, private repo counts, defaults). */
export function organizationFull(ctx: EmulatorContext, org: Organization, admin: boolean): Schema<"organization-full"> {
  const publicRepos = org.repos.filter((r) => r.visibility === "public").length;
  const base: Schema<"organization-full"> = {
    ...organizationSimple(ctx, org),
    name: org.name,
    company: "Contoso",
    blog: "https://contoso.example.com",
    location: "Redmond, WA",
    email: `security@${ctx.world.github.enterpriseSlug}.com`,
    twitter_username: null,
    is_verified: true,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${webBase(ctx)}/${org.login}`,
    type: "Organization",
    created_at: iso(org.createdAt),
    updated_at: iso(Math.max(org.createdAt, ...org.repos.slice(0, 50).map((r) => r.updatedAt))),
    archived_at: null,
  };
  if (!admin) return base;
  const privateRepos = org.repos.length - publicRepos;
  return {
    ...base,
    total_private_repos: privateRepos,
    owned_private_repos: privateRepos,
    private_gists: 0,
    disk_usage: org.repos.length * 4_096,
    collaborators: 0,
    billing_email: `billing@${ctx.world.github.enterpriseSlug}.com`,
    plan: { name: "enterprise", space: 976_562_499, private_repos: 999_999, filled_seats: org.members.length, seats: org.members.length + 50 },
    default_repository_permission: "read",
    default_repository_branch: "main",
    members_can_create_repositories: false,
    two_factor_requirement_enabled: true,
    members_allowed_repository_creation_type: "none",
    members_can_create_public_repositories: false,
    members_can_create_private_repositories: false,
    members_can_create_internal_repositories: false,
    members_can_create_pages: false,
    members_can_create_public_pages: false,
    members_can_create_private_pages: false,
    members_can_delete_repositories: false,
    members_can_change_repo_visibility: false,
    members_can_invite_outside_collaborators: false,
    members_can_delete_issues: false,
    display_commenter_full_name_setting_enabled: false,
    readers_can_create_discussions: true,
    members_can_create_teams: false,
    members_can_view_dependency_insights: true,
    members_can_fork_private_repositories: false,
    web_commit_signoff_required: false,
    advanced_security_enabled_for_new_repositories: true,
    dependabot_alerts_enabled_for_new_repositories: true,
    dependabot_security_updates_enabled_for_new_repositories: true,
    dependency_graph_enabled_for_new_repositories: true,
    secret_scanning_enabled_for_new_repositories: true,
    secret_scanning_push_protection_enabled_for_new_repositories: true,
    secret_scanning_push_protection_custom_link_enabled: false,
    secret_scanning_push_protection_custom_link: null,
    deploy_keys_enabled_for_repositories: false,
  };
}
