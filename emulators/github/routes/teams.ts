// Teams: GET /orgs/{org}/teams, a team's repositories with the team's permission on each, and
// its members with their team role — how Rampart maps people to the repositories they own.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import type { Organization, Team, TeamRepoPermission } from "../../world/github";
import { GitHubError, notFound } from "../errors";
import { minimalRepository, type RepoPermissions } from "../objects/repositories";
import { memberUser } from "../objects/users";
import { apiBase, webBase } from "../objects/urls";
import { sendListPage } from "../pagination";
import { getRoute, readableOrg, type Params } from "../route";
import type { Schema } from "../schema-types";

const DOCS = {
  list: "https://docs.github.com/rest/teams/teams#list-teams",
  repos: "https://docs.github.com/rest/teams/teams#list-team-repositories",
  members: "https://docs.github.com/rest/teams/members#list-team-members",
};

const LEVELS: TeamRepoPermission["permission"][] = ["pull", "triage", "push", "maintain", "admin"];
const ROLE_NAMES: Record<TeamRepoPermission["permission"], string> = { pull: "read", triage: "triage", push: "write", maintain: "maintain", admin: "admin" };

/** A team permission expands to every level below it, as GitHub reports them. */
function permissionsOf(permission: TeamRepoPermission["permission"]): RepoPermissions {
  const level = LEVELS.indexOf(permission);
  return { pull: level >= 0, triage: level >= 1, push: level >= 2, maintain: level >= 3, admin: level >= 4 };
}

function teamUrl(ctx: EmulatorContext, org: Organization, team: Team): string {
  return `${apiBase(ctx)}/organizations/${org.id}/team/${team.id}`;
}

function teamSimple(ctx: EmulatorContext, org: Organization, team: Team): NonNullable<Schema<"nullable-team-simple">> {
  const url = teamUrl(ctx, org, team);
  return {
    id: team.id,
    node_id: team.nodeId,
    url,
    html_url: `${webBase(ctx)}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: "organization",
    organization_id: org.id,
  };
}

function team(ctx: EmulatorContext, org: Organization, t: Team): Schema<"team"> {
  const parent = t.parentIndex === null ? null : teamSimple(ctx, org, org.teams[t.parentIndex]!);
  return { ...teamSimple(ctx, org, t), parent };
}

function teamOf(ctx: EmulatorContext, org: Organization, params: Params, docs: string): Team {
  const found = org.teams.find((t) => t.slug === params.team_slug?.toLowerCase());
  if (!found) throw notFound(docs);
  return found;
}

export function registerTeamRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  getRoute(app, ctx, ["/orgs/:org/teams", "/organizations/:org_id/teams"], { auth: "token", docs: DOCS.list }, (request, reply, principal) => {
    const { org } = readableOrg(ctx, principal, request.params, DOCS.list);
    return sendListPage(ctx, request, reply, org.teams, (t) => team(ctx, org, t), `/organizations/${org.id}/teams`);
  });

  getRoute(app, ctx, "/orgs/:org/teams/:team_slug/repos", { auth: "token", docs: DOCS.repos }, (request, reply, principal) => {
    const { org } = readableOrg(ctx, principal, request.params, DOCS.repos);
    const t = teamOf(ctx, org, request.params, DOCS.repos);
    return sendListPage(ctx, request, reply, t.repos, ({ repoIndex, permission }) => ({
      ...minimalRepository(ctx, org, org.repos[repoIndex]!, permissionsOf(permission)),
      role_name: ROLE_NAMES[permission],
    }));
  });

  getRoute(app, ctx, "/orgs/:org/teams/:team_slug/members", { auth: "token", docs: DOCS.members }, (request, reply, principal) => {
    const { org } = readableOrg(ctx, principal, request.params, DOCS.members);
    const t = teamOf(ctx, org, request.params, DOCS.members);
    const role = request.query.role ?? "all";
    if (!["all", "member", "maintainer"].includes(role)) {
      throw new GitHubError(422, "Validation Failed", DOCS.members, { errors: [{ resource: "TeamMember", field: "role", code: "invalid" }] });
    }
    const members = t.members.filter((m) => role === "all" || m.role === role);
    return sendListPage(ctx, request, reply, members, (m): Schema<"team-member"> => ({ ...memberUser(ctx, org, m.memberIndex), role: m.role, inherited: false }));
  });
}
