// Organizations and their members: GET /organizations (since-based), /orgs/{org},
// /orgs/{org}/members (also under /organizations/{id}/…, where GitHub's Link headers point).
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { canReadOrg } from "../auth";
import { GitHubError } from "../errors";
import { organizationFull, organizationSimple } from "../objects/organizations";
import { simpleUser } from "../objects/users";
import { apiBase } from "../objects/urls";
import { linkHeader, linkUrl, perPageOf, sendListPage } from "../pagination";
import { getRoute, orgOf, readableOrg } from "../route";

const DOCS = {
  list: "https://docs.github.com/rest/orgs/orgs#list-organizations",
  get: "https://docs.github.com/rest/orgs/orgs#get-an-organization",
  members: "https://docs.github.com/rest/orgs/members#list-organization-members",
};

const MEMBER_FILTERS = ["2fa_disabled", "2fa_insecure", "all"];
const MEMBER_ROLES = ["all", "admin", "member"];

export function registerOrgRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  getRoute(app, ctx, "/organizations", { auth: "public", docs: DOCS.list }, (request, reply) => {
    const since = Number(request.query.since ?? 0) || 0;
    const perPage = perPageOf(request.query);
    const orgs = ctx.world.github.orgs.filter((o) => o.id > since).slice(0, perPage);
    const last = orgs[orgs.length - 1];
    const links: [string, string][] = [];
    if (last && ctx.world.github.orgs.some((o) => o.id > last.id)) links.push(["next", linkUrl(ctx, "/organizations", request.query, { since: String(last.id) })]);
    links.push(["first", `${apiBase(ctx)}/organizations{?since}`]);
    reply.header("link", linkHeader(links));
    return orgs.map((o) => organizationSimple(ctx, o));
  });

  getRoute(app, ctx, ["/orgs/:org", "/organizations/:org_id"], { auth: "public", docs: DOCS.get }, (request, _reply, principal) => {
    const { org, orgIndex } = orgOf(ctx, request.params, DOCS.get);
    return organizationFull(ctx, org, principal.kind === "user" && canReadOrg(ctx, principal, orgIndex));
  });

  getRoute(app, ctx, ["/orgs/:org/members", "/organizations/:org_id/members"], { auth: "token", docs: DOCS.members }, (request, reply, principal) => {
    const { org } = readableOrg(ctx, principal, request.params, DOCS.members);
    const filter = request.query.filter ?? "all";
    const role = request.query.role ?? "all";
    const invalid = [
      ...(MEMBER_FILTERS.includes(filter) ? [] : [{ resource: "Search", field: "filter", code: "invalid" }]),
      ...(MEMBER_ROLES.includes(role) ? [] : [{ resource: "Search", field: "role", code: "invalid" }]),
    ];
    if (invalid.length > 0) throw new GitHubError(422, "Validation Failed", DOCS.members, { errors: invalid });
    // Every member has two-factor authentication on (the org requires it).
    const members = filter === "all" ? org.members.filter((m) => role === "all" || m.role === role) : [];
    return sendListPage(ctx, request, reply, members, (m) => simpleUser(ctx, m.userIndex), `/organizations/${org.id}/members`);
  });
}
