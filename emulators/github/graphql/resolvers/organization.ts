// Organization: profile, repositories (filtered and ordered as GitHub offers), teams, members
// with their roles, and its SAML identity provider.
import type { GraphQLResolveInfo } from "graphql";
import type { Organization, Repository } from "../../../world/github";
import { dateTime, webUrl } from "../model";
import { paginate, type Entry, type PageArgs, type SortKey } from "../pagination";
import { bool, str, type Args, type TypeResolvers } from "../request-context";
import type { World } from "../../../world/world";
import { memberUser, repoSource, teamSource, userSource } from "./sources";

type OrderField = "CREATED_AT" | "UPDATED_AT" | "PUSHED_AT" | "NAME" | "STARGAZERS" | "PERMISSION";

/** Sort key of a repository under GitHub's RepositoryOrder fields; the id breaks ties. */
export function repoKey(repo: Repository, field: OrderField | undefined): SortKey {
  switch (field) {
    case "CREATED_AT":
      return [repo.createdAt, repo.id];
    case "UPDATED_AT":
      return [repo.updatedAt, repo.id];
    case "PUSHED_AT":
      return [repo.pushedAt, repo.id];
    case "NAME":
      return [repo.name.toLowerCase(), repo.id];
    default:
      // No stars in the world; unordered lists come in creation (database id) order.
      return [repo.id];
  }
}

export function orderOf(args: Args): { field: OrderField | undefined; direction: 1 | -1 } {
  const order = args.orderBy as { field?: OrderField; direction?: "ASC" | "DESC" } | null | undefined;
  return { field: order?.field, direction: order?.direction === "DESC" ? -1 : 1 };
}

function repositories(org: Organization, args: Args, info: GraphQLResolveInfo) {
  const privacy = str(args.privacy);
  const visibility = str(args.visibility)?.toLowerCase();
  const [isArchived, isFork, isLocked] = [bool(args.isArchived), bool(args.isFork), bool(args.isLocked)];
  const { field, direction } = orderOf(args);
  const entries: Entry[] = org.repos
    .filter((r) => isArchived === undefined || r.archived === isArchived)
    .filter((r) => isFork === undefined || r.fork === isFork)
    .filter(() => isLocked !== true)
    .filter((r) => !privacy || (privacy === "PUBLIC") === (r.visibility === "public"))
    .filter((r) => !visibility || r.visibility === visibility)
    .map((repo) => ({ key: repoKey(repo, field), node: repoSource(org, repo) }));
  return paginate(entries, args as PageArgs, info, direction);
}

function teams(world: World, org: Organization, args: Args, info: GraphQLResolveInfo) {
  const query = str(args.query)?.toLowerCase();
  const privacy = str(args.privacy);
  const logins = Array.isArray(args.userLogins) ? args.userLogins.map((l) => String(l).toLowerCase()) : undefined;
  const { direction } = orderOf(args);
  const entries: Entry[] = org.teams
    .filter((t) => args.rootTeamsOnly !== true || t.parentIndex === null)
    .filter((t) => !privacy || (privacy === "SECRET") === (t.privacy === "secret"))
    .filter((t) => !query || t.name.toLowerCase().includes(query) || t.slug.includes(query))
    .filter((t) => !logins || t.members.some((m) => logins.includes(memberUser(world, org, m.memberIndex).login.toLowerCase())))
    .map((team) => ({ key: [team.name.toLowerCase(), team.id], node: teamSource(org, team) }));
  return paginate(entries, args as PageArgs, info, direction);
}

export const organizationResolvers: TypeResolvers<"Organization"> = {
  id: ({ org }) => org.nodeId,
  databaseId: ({ org }) => org.id,
  login: ({ org }) => org.login,
  name: ({ org }) => org.name,
  description: ({ org }) => `${org.name} on GitHub`,
  createdAt: ({ org }) => dateTime(org.createdAt),
  updatedAt: ({ org }) => dateTime(org.createdAt),
  url: ({ org }) => webUrl(org.login),
  resourcePath: ({ org }) => `/${org.login}`,
  avatarUrl: ({ org }) => `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
  teamsUrl: ({ org }) => webUrl(`orgs/${org.login}/teams`),
  teamsResourcePath: ({ org }) => `/orgs/${org.login}/teams`,
  isVerified: () => true,
  requiresTwoFactorAuthentication: () => true,
  viewerIsAMember: ({ org }, _a, ctx) => org.members.some((m) => ctx.world.github.users[m.userIndex]!.login === ctx.viewer.login),
  viewerCanAdminister: ({ org }, _a, ctx) => org.members.some((m) => m.role === "admin" && ctx.world.github.users[m.userIndex]!.login === ctx.viewer.login),
  repositories: ({ org }, args, _ctx, info) => repositories(org, args, info),
  repository: ({ org }, args) => {
    const name = str(args.name)?.toLowerCase();
    const repo = org.repos.find((r) => r.name.toLowerCase() === name);
    return repo ? repoSource(org, repo) : null;
  },
  teams: ({ org }, args, ctx, info) => teams(ctx.world, org, args, info),
  team: ({ org }, args) => {
    const team = org.teams.find((t) => t.slug === str(args.slug));
    return team ? teamSource(org, team) : null;
  },
  membersWithRole: ({ org }, args, ctx, info) =>
    paginate(
      org.members.map((member, memberIndex) => ({
        key: [member.userIndex],
        node: userSource(memberUser(ctx.world, org, memberIndex)),
        edge: { role: member.role === "admin" ? "ADMIN" : "MEMBER", hasTwoFactorEnabled: true },
      })),
      args as PageArgs,
      info,
    ),
  samlIdentityProvider: ({ org }) => ({ __typename: "OrganizationIdentityProvider", org }),
};
