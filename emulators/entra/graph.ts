// The slice of Microsoft Graph v1.0 that resolves group membership (the groups-overage case):
// users/{id}|me → getMemberObjects, getMemberGroups, memberOf, transitiveMemberOf; groups/{id};
// the user itself; and the OIDC userinfo endpoint. Served under <entra base>/graph.
import { createHash, randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { WORLD_EPOCH } from "../world/world";
import { groupsOf, type EntraGroup } from "../world/entra";
import { graphBase } from "./claims";
import { GraphError, graphCaller, graphErrors, requirePermission, sendGraphError, type GraphCaller } from "./graph-auth";
import type { EntraState } from "./state";

type Query = Record<string, string | undefined>;
type Json = Record<string, unknown>;
type UserRequest = FastifyRequest<{ Params: { id?: string }; Querystring: Query }>;

const PAGE_SIZE = 100;
const READ_MEMBERSHIP = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All", "User.Read.All"];
const READ_GROUPS = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"];
const READ_USERS = ["User.Read.All", "User.ReadBasic.All", "Directory.Read.All"];

function groupResource(state: EntraState, group: EntraGroup): Json {
  const index = state.directory.world.groups.indexOf(group);
  const created = new Date(WORLD_EPOCH - (400 + index) * 86_400_000).toISOString().replace(".000", "");
  const team = group.team && state.ctx.world.github.orgs[group.team.orgIndex];
  const teamSlug = team && team.teams[group.team!.teamIndex]?.slug;
  return {
    "@odata.type": "#microsoft.graph.group",
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: created,
    description: team ? `Members of the GitHub team ${team.login}/${teamSlug}` : null,
    displayName: group.displayName,
    groupTypes: [],
    isAssignableToRole: null,
    mail: null,
    mailEnabled: false,
    mailNickname: group.displayName,
    renewedDateTime: created,
    securityEnabled: true,
    securityIdentifier: `S-1-12-1-${createHash("sha256").update(group.id).digest().readUInt32BE(0)}`,
    visibility: null,
  };
}

function userResource(state: EntraState, userIndex: number): Json {
  const user = state.directory.world.users[userIndex]!;
  const [givenName, ...surname] = user.displayName.split(" ");
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName,
    jobTitle: null,
    mail: user.upn,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: surname.join(" "),
    userPrincipalName: user.upn,
    id: user.objectId,
  };
}

/** $select=a,b: keep those properties (and the @odata.type Graph always sends on directory objects). */
function select(item: Json, query: Query): Json {
  const wanted = query.$select?.split(",").map((s) => s.trim()).filter(Boolean);
  if (!wanted?.length) return item;
  return Object.fromEntries(Object.entries(item).filter(([k]) => k === "@odata.type" || wanted.includes(k)));
}

function pageOf<T>(items: T[], query: Query, link: string): { page: T[]; nextLink?: string } {
  const top = query.$top === undefined ? PAGE_SIZE : Number(query.$top);
  if (!Number.isInteger(top) || top < 1 || top > 999) throw graphErrors.badRequest(`Invalid page size specified: '${query.$top}'. Must be between 1 and 999 inclusive.`);
  let offset = 0;
  if (query.$skiptoken !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(query.$skiptoken, "base64url").toString("utf8"));
    if (!decoded) throw graphErrors.badRequest("Invalid paging token.");
    offset = Number(decoded[1]);
  }
  const next = offset + top;
  if (next >= items.length) return { page: items.slice(offset, next) };
  const params = new URLSearchParams({ $top: String(top), $skiptoken: Buffer.from(`offset:${next}`).toString("base64url") });
  if (query.$select) params.set("$select", query.$select);
  return { page: items.slice(offset, next), nextLink: `${link}?${decodeURIComponent(params.toString())}` };
}

/** The user a /me or /users/{id} request is about (id or UPN, as Graph accepts both). */
function subjectOf(state: EntraState, caller: GraphCaller, request: UserRequest): number {
  const id = request.params.id;
  if (id === undefined) {
    if (caller.userIndex === null) throw graphErrors.meNeedsUser();
    return caller.userIndex;
  }
  const lower = id.toLowerCase();
  const index = state.directory.world.users.findIndex((u) => u.objectId === lower || u.upn.toLowerCase() === lower);
  if (index < 0) throw graphErrors.notFound(id);
  return index;
}

type Handler = (caller: GraphCaller, request: UserRequest) => Json | Promise<Json>;

export function registerGraph(app: FastifyInstance, state: EntraState): void {
  const base = () => `${graphBase(state.ctx)}/v1.0`;
  const groupsOfUser = (userIndex: number) => {
    const ids = new Set(groupsOf(state.directory.world, userIndex));
    return state.directory.world.groups.filter((g) => ids.has(g.id));
  };

  const handle = (handler: Handler) => async (request: UserRequest, reply: FastifyReply) => {
    try {
      const caller = await graphCaller(state, request);
      const requestId = typeof request.headers["client-request-id"] === "string" ? request.headers["client-request-id"] : randomUUID();
      return reply.header("request-id", requestId).header("client-request-id", requestId).send(await handler(caller, request));
    } catch (error) {
      if (error instanceof GraphError) return sendGraphError(state, request, reply, error);
      throw error;
    }
  };

  const routes = (path: string) => [`/graph/v1.0/me${path}`, `/graph/v1.0/users/:id${path}`];

  for (const url of routes("")) {
    app.get(url, handle((caller, request) => {
      const user = subjectOf(state, caller, request);
      requirePermission(caller, READ_USERS, user);
      return { "@odata.context": `${base()}/$metadata#users/$entity`, ...select(userResource(state, user), request.query) };
    }));
  }

  for (const operation of ["getMemberObjects", "getMemberGroups"]) {
    for (const url of routes(`/${operation}`)) {
      app.post(url, handle((caller, request) => {
        const user = subjectOf(state, caller, request);
        requirePermission(caller, READ_MEMBERSHIP, user);
        const body = request.body as { securityEnabledOnly?: unknown } | undefined;
        if (typeof body?.securityEnabledOnly !== "boolean") throw graphErrors.badRequest("Invalid request body: 'securityEnabledOnly' is required and must be a boolean.");
        // Every emulated group is security-enabled and there are no directory roles, so both
        // operations return the same ids with or without securityEnabledOnly.
        return { "@odata.context": `${base()}/$metadata#Collection(Edm.String)`, value: groupsOfUser(user).map((g) => g.id) };
      }));
    }
  }

  for (const relation of ["memberOf", "transitiveMemberOf"]) {
    for (const url of routes(`/${relation}`)) {
      app.get(url, handle((caller, request) => {
        const user = subjectOf(state, caller, request);
        requirePermission(caller, READ_MEMBERSHIP, user);
        const path = request.params.id === undefined ? "me" : `users/${request.params.id}`;
        const { page, nextLink } = pageOf(groupsOfUser(user), request.query, `${base()}/${path}/${relation}`);
        return {
          "@odata.context": `${base()}/$metadata#directoryObjects`,
          ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
          value: page.map((g) => select(groupResource(state, g), request.query)),
        };
      }));
    }
  }

  app.get("/graph/v1.0/groups/:id", handle((caller, request) => {
    requirePermission(caller, READ_GROUPS);
    const group = state.directory.world.groups.find((g) => g.id === request.params.id?.toLowerCase());
    if (!group) throw graphErrors.notFound(request.params.id ?? "");
    const { "@odata.type": _type, ...rest } = groupResource(state, group);
    return { "@odata.context": `${base()}/$metadata#groups/$entity`, ...select(rest, request.query) };
  }));

  // The OIDC userinfo endpoint Entra's discovery document names (Graph hosts it).
  app.get("/graph/oidc/userinfo", handle((caller) => {
    if (caller.userIndex === null) throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.");
    const user = userResource(state, caller.userIndex);
    return { sub: caller.token.sub, name: user.displayName, family_name: user.surname, given_name: user.givenName, picture: `${base()}/me/photo/$value`, email: user.mail };
  }));
}
