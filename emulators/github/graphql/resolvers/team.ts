// Teams: members (immediate, through child teams, or both, as GitHub's `membership` asks),
// repositories with the team's permission, and the team hierarchy.
import type { GraphQLResolveInfo } from "graphql";
import type { World } from "../../../world/world";
import type { Organization, Team } from "../../../world/github";
import { dateTime, webUrl } from "../model";
import { paginate, type Entry, type PageArgs } from "../pagination";
import { bool, str, type Args, type TypeResolvers } from "../request-context";
import { orderOf, repoKey } from "./organization";
import { lineage, repositoryPermission, teamPermission } from "./permissions";
import { memberUser, orgSource, repoSource, teamSource, userSource } from "./sources";

const DAY = 86_400_000;

/** Teams below `team`, at any depth (or only its children). */
function descendants(org: Organization, team: Team, immediateOnly = false): Team[] {
  const index = org.teams.indexOf(team);
  return org.teams.filter((t) => t !== team && (immediateOnly ? t.parentIndex === index : lineage(org, t).includes(team)));
}

function members(world: World, org: Organization, team: Team, args: Args, info: GraphQLResolveInfo) {
  const membership = str(args.membership) ?? "ALL";
  const role = str(args.role);
  const query = str(args.query)?.toLowerCase();
  const roles = new Map<number, "MAINTAINER" | "MEMBER">();
  if (membership !== "CHILD_TEAM") for (const m of team.members) roles.set(m.memberIndex, m.role === "maintainer" ? "MAINTAINER" : "MEMBER");
  if (membership !== "IMMEDIATE") {
    for (const child of descendants(org, team)) for (const m of child.members) if (!roles.has(m.memberIndex)) roles.set(m.memberIndex, "MEMBER");
  }
  const order = args.orderBy as { field?: string } | null | undefined;
  const { direction } = orderOf(args);
  const entries: Entry[] = [...roles]
    .filter(([, r]) => !role || r === role)
    .map(([memberIndex, r]) => ({ user: memberUser(world, org, memberIndex), role: r }))
    .filter(({ user }) => !query || user.login.toLowerCase().includes(query) || user.name.toLowerCase().includes(query))
    .map(({ user, role: r }) => ({ key: order?.field === "CREATED_AT" ? [user.id] : [user.login.toLowerCase(), user.id], node: userSource(user), edge: { role: r } }));
  return paginate(entries, args as PageArgs, info, direction);
}

function repositories(org: Organization, team: Team, args: Args, info: GraphQLResolveInfo) {
  const query = str(args.query)?.toLowerCase();
  const { field, direction } = orderOf(args);
  const entries: Entry[] = org.repos.flatMap((repo, repoIndex) => {
    const permission = teamPermission(org, team, repoIndex);
    if (!permission || (query && !repo.name.toLowerCase().includes(query))) return [];
    const key = field === "PERMISSION" ? [repositoryPermission(permission), repo.id] : repoKey(repo, field);
    return [{ key, node: repoSource(org, repo), edge: { permission: repositoryPermission(permission) } }];
  });
  return paginate(entries, args as PageArgs, info, direction);
}

export const teamResolvers: TypeResolvers<"Team"> = {
  id: ({ team }) => team.nodeId,
  databaseId: ({ team }) => team.id,
  slug: ({ team }) => team.slug,
  name: ({ team }) => team.name,
  combinedSlug: ({ org, team }) => `${org.login}/${team.slug}`,
  description: ({ team }) => team.description,
  privacy: ({ team }) => (team.privacy === "secret" ? "SECRET" : "VISIBLE"),
  createdAt: ({ org, team }) => dateTime(org.createdAt + (org.teams.indexOf(team) + 1) * DAY),
  updatedAt: ({ org, team }) => dateTime(org.createdAt + (org.teams.indexOf(team) + 1) * DAY),
  url: ({ org, team }) => webUrl(`orgs/${org.login}/teams/${team.slug}`),
  resourcePath: ({ org, team }) => `/orgs/${org.login}/teams/${team.slug}`,
  organization: ({ org }) => orgSource(org),
  parentTeam: ({ org, team }) => (team.parentIndex === null ? null : teamSource(org, org.teams[team.parentIndex]!)),
  members: ({ org, team }, args, ctx, info) => members(ctx.world, org, team, args, info),
  repositories: ({ org, team }, args, _ctx, info) => repositories(org, team, args, info),
  childTeams: ({ org, team }, args, _ctx, info) =>
    paginate(
      descendants(org, team, bool(args.immediateOnly) !== false).map((t) => ({ key: [t.name.toLowerCase(), t.id], node: teamSource(org, t) })),
      args as PageArgs,
      info,
    ),
  ancestors: ({ org, team }, args, _ctx, info) =>
    paginate(
      lineage(org, team)
        .slice(1)
        .reverse()
        .map((t, depth) => ({ key: [depth], node: teamSource(org, t) })),
      args as PageArgs,
      info,
    ),
};
