// Who may do what on a repository: org owners administer everything; everyone else gets the
// best permission of their teams, and child teams inherit their parents' access (as on GitHub).
import type { World } from "../../../world/world";
import type { Organization, Team, TeamRepoPermission } from "../../../world/github";

type Permission = TeamRepoPermission["permission"];

const RANK: Record<Permission, number> = { pull: 0, triage: 1, push: 2, maintain: 3, admin: 4 };
const GRAPHQL: Record<Permission, string> = { pull: "READ", triage: "TRIAGE", push: "WRITE", maintain: "MAINTAIN", admin: "ADMIN" };

/** GitHub's RepositoryPermission enum value for a world permission. */
export const repositoryPermission = (permission: Permission): string => GRAPHQL[permission];

/** The coarser DefaultRepositoryPermissionField GitHub reports in permission sources. */
export const defaultPermission = (permission: Permission | undefined): string =>
  permission === "admin" ? "ADMIN" : permission === "push" || permission === "maintain" ? "WRITE" : permission ? "READ" : "NONE";

/** The team and its ancestors, nearest first. */
export function lineage(org: Organization, team: Team): Team[] {
  const chain: Team[] = [];
  for (let t: Team | undefined = team; t && !chain.includes(t); t = t.parentIndex === null ? undefined : org.teams[t.parentIndex]) chain.push(t);
  return chain;
}

/** A team's permission on a repository, its own or inherited from a parent team. */
export function teamPermission(org: Organization, team: Team, repoIndex: number): Permission | undefined {
  let best: Permission | undefined;
  for (const t of lineage(org, team)) {
    const grant = t.repos.find((r) => r.repoIndex === repoIndex);
    if (grant && (!best || RANK[grant.permission] > RANK[best])) best = grant.permission;
  }
  return best;
}

/** A member's effective permission on a repository, with the teams it comes from. */
export function memberPermission(org: Organization, memberIndex: number, repoIndex: number): { permission: Permission; teams: Team[] } | undefined {
  if (org.members[memberIndex]?.role === "admin") return { permission: "admin", teams: [] };
  let best: Permission | undefined;
  const teams: Team[] = [];
  for (const team of org.teams) {
    if (!team.members.some((m) => m.memberIndex === memberIndex)) continue;
    const permission = teamPermission(org, team, repoIndex);
    if (!permission) continue;
    teams.push(team);
    if (!best || RANK[permission] > RANK[best]) best = permission;
  }
  return best ? { permission: best, teams } : undefined;
}

/** The org member index of a login, or -1. */
export function memberIndexOf(world: World, org: Organization, login: string): number {
  return org.members.findIndex((m) => world.github.users[m.userIndex]!.login.toLowerCase() === login.toLowerCase());
}
