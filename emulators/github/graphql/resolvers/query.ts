// Root fields. Lookups of something missing, or outside what the token may read, resolve to
// null with GitHub's NOT_FOUND error (GitHub does not reveal whether it exists).
import { notFound } from "../errors";
import { dateTime } from "../model";
import { str, type FieldResolver, type TypeResolvers } from "../request-context";
import { findNode, readableOrg, repoSource, orgSource, userSource, viewerUser } from "./sources";

export const queryResolvers: Record<string, FieldResolver<unknown>> = {
  viewer: (_source, _args, ctx) => userSource(viewerUser(ctx.viewer)),
  rateLimit: () => ({ __typename: "RateLimit" }),
  organization: (_source, args, ctx) => {
    const login = str(args.login) ?? "";
    const org = readableOrg(ctx.world, ctx.viewer, login);
    if (!org) throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
    return orgSource(org);
  },
  repository: (_source, args, ctx) => {
    const [owner, name] = [str(args.owner) ?? "", str(args.name) ?? ""];
    const org = readableOrg(ctx.world, ctx.viewer, owner);
    const repo = org?.repos.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!org || !repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
    return repoSource(org, repo);
  },
  user: (_source, args, ctx) => {
    const login = str(args.login) ?? "";
    const user = ctx.world.github.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
    if (!user) throw notFound(`Could not resolve to a User with the login of '${login}'.`);
    return userSource(user);
  },
  node: (_source, args, ctx) => {
    const id = str(args.id) ?? "";
    const node = findNode(ctx.world, ctx.viewer, id);
    if (!node) throw notFound(`Could not resolve to a node with the global id of '${id}'`);
    return node;
  },
  // One error per id GitHub cannot resolve, at ["nodes", i]; graphql-js places a returned Error there.
  nodes: (_source, args, ctx) =>
    (Array.isArray(args.ids) ? args.ids : []).map((id: unknown) => findNode(ctx.world, ctx.viewer, String(id)) ?? notFound(`Could not resolve to a node with the global id of '${String(id)}'`)),
};

export const rateLimitResolvers: TypeResolvers<"RateLimit"> = {
  cost: (_s, _a, ctx) => ctx.rate.cost,
  limit: (_s, _a, ctx) => ctx.rate.state.limit,
  nodeCount: (_s, _a, ctx) => ctx.rate.nodeCount,
  remaining: (_s, _a, ctx) => ctx.rate.state.remaining,
  used: (_s, _a, ctx) => ctx.rate.state.used,
  resetAt: (_s, _a, ctx) => dateTime(ctx.rate.state.resetAt),
};
