// Repository: identity, settings that posture scoring reads, default branch, branch
// protection, rulesets and collaborators.
import type { GraphQLResolveInfo } from "graphql";
import type { World } from "../../../world/world";
import type { Organization, Repository } from "../../../world/github";
import { hashString } from "../../../core/random";
import { dateTime, nodeIdOf, webUrl } from "../model";
import { paginate, type Entry, type PageArgs } from "../pagination";
import { num, str, type Args, type TypeResolvers } from "../request-context";
import { defaultPermission, memberIndexOf, memberPermission, repositoryPermission, teamPermission } from "./permissions";
import { memberUser, orgSource, teamSource, userSource } from "./sources";

function collaborators(world: World, org: Organization, repo: Repository, args: Args, info: GraphQLResolveInfo) {
  const affiliation = str(args.affiliation) ?? "ALL";
  const repoIndex = org.repos.indexOf(repo);
  const login = str(args.login)?.toLowerCase();
  const query = str(args.query)?.toLowerCase();
  // Everyone here has access as an org member (owner or team); the world has no direct or outside collaborators.
  if (affiliation !== "ALL") return paginate([], args as PageArgs, info);
  const entries: Entry[] = [];
  org.members.forEach((member, memberIndex) => {
    const access = memberPermission(org, memberIndex, repoIndex);
    const user = memberUser(world, org, memberIndex);
    if (!access || (login && user.login.toLowerCase() !== login)) return;
    if (query && !user.login.toLowerCase().includes(query) && !user.name.toLowerCase().includes(query)) return;
    const permissionSources = access.teams.length
      ? access.teams.map((team) => ({ organization: orgSource(org), permission: defaultPermission(teamPermission(org, team, repoIndex)), roleName: null, source: teamSource(org, team) }))
      : [{ organization: orgSource(org), permission: "ADMIN", roleName: "admin", source: orgSource(org) }];
    entries.push({ key: [member.userIndex], node: userSource(user), edge: { permission: repositoryPermission(access.permission), permissionSources } });
  });
  return paginate(entries, args as PageArgs, info);
}

export const repositoryResolvers: TypeResolvers<"Repository"> = {
  id: ({ repo }) => repo.nodeId,
  databaseId: ({ repo }) => repo.id,
  name: ({ repo }) => repo.name,
  nameWithOwner: ({ repo }) => repo.fullName,
  description: ({ repo }) => repo.description,
  owner: ({ org }) => orgSource(org),
  isArchived: ({ repo }) => repo.archived,
  archivedAt: ({ repo }) => (repo.archived ? dateTime(repo.updatedAt) : null),
  isFork: ({ repo }) => repo.fork,
  isPrivate: ({ repo }) => repo.visibility !== "public",
  isInOrganization: () => true,
  visibility: ({ repo }) => repo.visibility.toUpperCase(),
  createdAt: ({ repo }) => dateTime(repo.createdAt),
  updatedAt: ({ repo }) => dateTime(repo.updatedAt),
  pushedAt: ({ repo }) => dateTime(repo.pushedAt),
  url: ({ repo }) => webUrl(repo.fullName),
  resourcePath: ({ repo }) => `/${repo.fullName}`,
  sshUrl: ({ repo }) => `git@github.com:${repo.fullName}.git`,
  primaryLanguage: ({ repo }) => ({ __typename: "Language", name: repo.language }),
  defaultBranchRef: ({ org, repo }) => ({ __typename: "Ref", org, repo }),
  hasVulnerabilityAlertsEnabled: ({ repo }) => repo.settings.vulnerabilityAlerts,
  hasIssuesEnabled: () => true,
  hasProjectsEnabled: () => true,
  deleteBranchOnMerge: () => true,
  mergeCommitAllowed: () => true,
  squashMergeAllowed: () => true,
  rebaseMergeAllowed: () => true,
  forkingAllowed: ({ repo }) => repo.visibility === "public",
  branchProtectionRules: ({ org, repo }, args, _ctx, info) =>
    paginate(repo.branchProtection ? [{ key: [repo.id], node: { __typename: "BranchProtectionRule", org, repo } }] : [], args as PageArgs, info),
  rulesets: ({ org, repo }, args, _ctx, info) => {
    const targets = Array.isArray(args.targets) ? args.targets.map(String) : undefined;
    const rulesets = targets && !targets.includes("BRANCH") ? [] : repo.rulesets;
    return paginate(rulesets.map((ruleset) => ({ key: [ruleset.id], node: { __typename: "RepositoryRuleset", org, repo, ruleset } })), args as PageArgs, info);
  },
  ruleset: ({ org, repo }, args) => {
    const ruleset = repo.rulesets.find((r) => r.id === num(args.databaseId));
    return ruleset ? { __typename: "RepositoryRuleset", org, repo, ruleset } : null;
  },
  collaborators: ({ org, repo }, args, ctx, info) => collaborators(ctx.world, org, repo, args, info),
  viewerPermission: ({ org, repo }, _args, ctx) => {
    if (ctx.viewer.kind === "installation") return null;
    const access = memberPermission(org, memberIndexOf(ctx.world, org, ctx.viewer.login), org.repos.indexOf(repo));
    return access ? repositoryPermission(access.permission) : null;
  },
};

export const refResolvers: TypeResolvers<"Ref"> = {
  id: ({ repo }) => nodeIdOf("Ref", repo.id),
  name: ({ repo }) => repo.defaultBranch,
  prefix: () => "refs/heads/",
  repository: ({ org, repo }) => ({ __typename: "Repository", org, repo }),
  branchProtectionRule: ({ org, repo }) => (repo.branchProtection ? { __typename: "BranchProtectionRule", org, repo } : null),
};

export const languageResolvers: TypeResolvers<"Language"> = {
  id: ({ name }) => nodeIdOf("Language", hashString(name) % 1_000_000),
  name: ({ name }) => name,
};
