// Repositories in GitHub's three sizes: simple-repository (inside alerts), minimal-repository
// (lists) and full-repository (GET /repos/{owner}/{repo}, with security_and_analysis).
import type { EmulatorContext } from "../../core/context";
import type { Organization, Repository } from "../../world/github";
import type { Schema } from "../schema-types";
import { orgAsOwner } from "./users";
import { apiBase, hostOf, iso, webBase } from "./urls";

export type SimpleRepository = Schema<"simple-repository">;
export type MinimalRepository = Schema<"minimal-repository">;
export type FullRepository = Schema<"full-repository">;
export type RepoPermissions = NonNullable<FullRepository["permissions"]>;

/** The caller's permissions on a repository. */
export const ADMIN_PERMISSIONS: RepoPermissions = { admin: true, maintain: true, push: true, triage: true, pull: true };
export const READ_PERMISSIONS: RepoPermissions = { admin: false, maintain: false, push: false, triage: false, pull: true };

export function simpleRepository(ctx: EmulatorContext, org: Organization, repo: Repository): SimpleRepository {
  const url = `${apiBase(ctx)}/repos/${repo.fullName}`;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    owner: orgAsOwner(ctx, org),
    private: repo.visibility !== "public",
    html_url: `${webBase(ctx)}/${repo.fullName}`,
    description: repo.description,
    fork: repo.fork,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    hooks_url: `${url}/hooks`,
  };
}

const status = (on: boolean) => ({ status: on ? ("enabled" as const) : ("disabled" as const) });

/** The repository's security_and_analysis block, straight from its settings. */
export function securityAndAnalysis(repo: Repository): NonNullable<FullRepository["security_and_analysis"]> {
  const s = repo.settings;
  return {
    advanced_security: status(s.advancedSecurity),
    code_security: status(s.advancedSecurity),
    dependabot_security_updates: status(s.dependabotSecurityUpdates),
    secret_scanning: status(s.secretScanning),
    secret_scanning_push_protection: status(s.secretScanningPushProtection),
    secret_scanning_non_provider_patterns: status(false),
    secret_scanning_ai_detection: status(false),
  };
}

/** Repository fields beyond simple-repository that both the minimal and the full shape carry. */
function commonFields(ctx: EmulatorContext, repo: Repository, permissions: RepoPermissions) {
  const size = 200 + (repo.id % 9000);
  return {
    git_url: `git://${hostOf(ctx)}/${repo.fullName}.git`,
    ssh_url: `git@${hostOf(ctx)}:${repo.fullName}.git`,
    clone_url: `${webBase(ctx)}/${repo.fullName}.git`,
    mirror_url: null,
    svn_url: `${webBase(ctx)}/${repo.fullName}`,
    homepage: null,
    language: repo.language,
    forks_count: repo.id % 7,
    forks: repo.id % 7,
    stargazers_count: repo.id % 40,
    watchers_count: repo.id % 40,
    watchers: repo.id % 40,
    size,
    default_branch: repo.defaultBranch,
    open_issues_count: repo.id % 23,
    open_issues: repo.id % 23,
    is_template: false,
    topics: [repo.language.toLowerCase().replace(/[^a-z0-9]+/g, "-")],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.visibility,
    pushed_at: iso(repo.pushedAt),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    permissions,
    allow_forking: repo.visibility !== "private",
    web_commit_signoff_required: false,
  };
}

export function minimalRepository(ctx: EmulatorContext, org: Organization, repo: Repository, permissions: RepoPermissions): MinimalRepository {
  return {
    ...simpleRepository(ctx, org, repo),
    ...commonFields(ctx, repo, permissions),
    license: null,
    security_and_analysis: securityAndAnalysis(repo),
  };
}

export function fullRepository(ctx: EmulatorContext, org: Organization, repo: Repository, permissions: RepoPermissions): FullRepository {
  return {
    ...simpleRepository(ctx, org, repo),
    ...commonFields(ctx, repo, permissions),
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    squash_merge_commit_message: "COMMIT_MESSAGES",
    merge_commit_title: "MERGE_MESSAGE",
    merge_commit_message: "PR_TITLE",
    temp_clone_token: null,
    organization: orgAsOwner(ctx, org),
    network_count: repo.id % 7,
    subscribers_count: 3 + (repo.id % 11),
    license: null,
    security_and_analysis: securityAndAnalysis(repo),
    custom_properties: {},
  };
}
