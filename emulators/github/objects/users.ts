// Users as GitHub shows them (simple-user): world users, orgs as repository owners, and the
// bots that act on alerts.
import type { EmulatorContext } from "../../core/context";
import { nodeId, type Organization } from "../../world/github";
import type { Schema } from "../schema-types";
import { apiBase, webBase } from "./urls";

export type SimpleUser = Schema<"simple-user">;

export function userShape(ctx: EmulatorContext, login: string, id: number, type: "User" | "Organization" | "Bot", node: string): SimpleUser {
  const api = apiBase(ctx);
  // Bot logins carry "[bot]", which GitHub percent-encodes in URLs; bots' pages are their apps'.
  const url = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: node,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: type === "Bot" ? `${webBase(ctx)}/apps/${login.replace(/\[bot\]$/, "")}` : `${webBase(ctx)}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** World user `userIndex` (GitHubWorld.users). */
export function simpleUser(ctx: EmulatorContext, userIndex: number): SimpleUser {
  const user = ctx.world.github.users[userIndex]!;
  return userShape(ctx, user.login, user.id, "User", nodeId("User", user.id));
}

/** The user behind org member `memberIndex` (an index into org.members). */
export function memberUser(ctx: EmulatorContext, org: Organization, memberIndex: number): SimpleUser {
  return simpleUser(ctx, org.members[memberIndex % org.members.length]!.userIndex);
}

/** An organization in the owner position of a repository. */
export function orgAsOwner(ctx: EmulatorContext, org: Organization): SimpleUser {
  return userShape(ctx, org.login, org.id, "Organization", org.nodeId);
}

/** The bots that open alerts, with their real GitHub ids. */
export const BOTS = {
  codeScanning: { login: "github-advanced-security[bot]", id: 62310815 },
  dependabot: { login: "dependabot[bot]", id: 49699333 },
  secretScanning: { login: "github-secret-scanning[bot]", id: 124153048 },
} as const;

export function botUser(ctx: EmulatorContext, bot: { login: string; id: number }): SimpleUser {
  return userShape(ctx, bot.login, bot.id, "Bot", nodeId("Bot", bot.id));
}
