// Users: the people of the world (shared across orgs), and the verified-domain emails GitHub
// shows org admins, which carry the person's corporate address (their UPN here).
import { WORLD_EPOCH } from "../../../world/world";
import { dateTime, nodeIdOf, webUrl } from "../model";
import { str, type TypeResolvers } from "../request-context";
import { orgSource } from "./sources";

const DAY = 86_400_000;

export const userResolvers: TypeResolvers<"User"> = {
  id: ({ user }) => nodeIdOf("User", user.id),
  databaseId: ({ user }) => user.id,
  login: ({ user }) => user.login,
  name: ({ user }) => user.name,
  // GitHub shows "" unless the user made an email public.
  email: () => "",
  url: ({ user }) => webUrl(user.login),
  resourcePath: ({ user }) => `/${user.login}`,
  avatarUrl: ({ user }) => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
  createdAt: ({ user }) => dateTime(WORLD_EPOCH - (1000 + (user.id % 2000)) * DAY),
  updatedAt: ({ user }) => dateTime(WORLD_EPOCH - (user.id % 30) * DAY),
  isViewer: ({ user }, _a, ctx) => user.login === ctx.viewer.login,
  organizationVerifiedDomainEmails: ({ user }, args, ctx) => {
    const org = ctx.world.org(str(args.login) ?? "");
    const member = org?.members.some((m) => ctx.world.github.users[m.userIndex]!.login === user.login);
    return member && user.upn ? [user.upn] : [];
  },
  organization: ({ user }, args, ctx) => {
    const org = ctx.world.org(str(args.login) ?? "");
    return org && org.members.some((m) => ctx.world.github.users[m.userIndex]!.login === user.login) ? orgSource(org) : null;
  },
};
