// Entra ID side: the tenant, one user per person (the same people as the GitHub logins), a
// group per GitHub team (so team membership can come from Entra groups), the Rampart app
// registration with its app roles, and the sign-in personas the demo offers.
import { Rng } from "../core/random";
import type { GitHubWorld } from "./github";

export const APP_ROLES = ["Rampart.Admin", "Rampart.SecurityReader", "Rampart.Auditor"] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** Past this many groups Entra leaves `groups` out of the token and points at Graph instead. */
export const GROUPS_OVERAGE_LIMIT = 200;

export interface EntraUser {
  objectId: string;
  upn: string;
  displayName: string;
  /** Index into GitHubWorld.users: the same person's GitHub account. */
  githubUserIndex: number;
}

export interface EntraGroup {
  id: string;
  displayName: string;
  /** The GitHub team it mirrors, when it does. */
  team: { orgIndex: number; teamIndex: number } | null;
  memberUserIndexes: number[];
}

export interface Persona {
  id: string;
  label: string;
  description: string;
  userIndex: number;
  roles: AppRole[];
}

export interface EntraWorld {
  tenantId: string;
  /** The Rampart web app (sign-in) and its secret. */
  app: { clientId: string; clientSecret: string };
  /** A workload identity for connectors (client credentials to ARM and Azure DevOps). */
  workload: { clientId: string; clientSecret: string };
  users: EntraUser[];
  groups: EntraGroup[];
  personas: Persona[];
}

export function buildEntraWorld(seed: number, github: GitHubWorld): EntraWorld {
  const rng = Rng.of(seed, "entra");
  const tenantId = rng.uuid();
  const users: EntraUser[] = github.users.map((u, i) => ({
    objectId: Rng.of(seed, "entra-user", i).uuid(),
    upn: u.upn,
    displayName: u.name,
    githubUserIndex: i,
  }));
  const groups: EntraGroup[] = [];
  github.orgs.forEach((org, orgIndex) =>
    org.teams.forEach((team, teamIndex) =>
      groups.push({
        id: Rng.of(seed, "entra-group", orgIndex, teamIndex).uuid(),
        displayName: `gh-${org.login}-${team.slug}`,
        team: { orgIndex, teamIndex },
        memberUserIndexes: team.members.map((m) => org.members[m.memberIndex]!.userIndex),
      }),
    ),
  );
  // A developer: the first member of the first team of the first org who is not an admin.
  const firstOrg = github.orgs[0]!;
  const firstTeam = firstOrg.teams[0]!;
  const developerUser = firstOrg.members[firstTeam.members.find((m) => m.memberIndex >= 3)?.memberIndex ?? firstTeam.members[0]!.memberIndex]!.userIndex;
  // Enough unrelated groups that one persona crosses the overage limit. Its user must be no
  // other persona's, or that persona's token would carry the overage form too.
  const otherPersonaUsers = new Set([0, 1, 2, developerUser]);
  const free = users.findIndex((_, i) => !otherPersonaUsers.has(i));
  const overageUser = free >= 0 ? free : users.length - 1;
  for (let g = 0; g < GROUPS_OVERAGE_LIMIT + 10; g++) {
    groups.push({ id: Rng.of(seed, "entra-bulk-group", g).uuid(), displayName: `dl-all-staff-${g + 1}`, team: null, memberUserIndexes: [overageUser] });
  }
  const personas: Persona[] = [
    { id: "security-lead", label: "Security lead", description: "Sees posture and findings across every organization", userIndex: 0, roles: ["Rampart.SecurityReader"] },
    { id: "developer", label: `Developer on team ${firstTeam.name}`, description: `Sees only the repositories of ${firstOrg.login}/${firstTeam.slug}`, userIndex: developerUser, roles: [] },
    { id: "auditor", label: "Auditor", description: "Reports and posture, no finding details", userIndex: 2, roles: ["Rampart.Auditor"] },
    { id: "admin", label: "Admin", description: "Connections, settings, everything", userIndex: 1, roles: ["Rampart.Admin"] },
    { id: "developer-many-groups", label: "Developer in 200+ groups", description: "Token carries the groups-overage claim; groups come from Microsoft Graph", userIndex: overageUser, roles: [] },
  ];
  return {
    tenantId,
    app: { clientId: rng.uuid(), clientSecret: `rampart-web~${rng.hex(32)}` },
    workload: { clientId: rng.uuid(), clientSecret: `rampart-connector~${rng.hex(32)}` },
    users,
    groups,
    personas,
  };
}

/** Ids of the groups a user belongs to. */
export function groupsOf(world: EntraWorld, userIndex: number): string[] {
  return world.groups.filter((g) => g.memberUserIndexes.includes(userIndex)).map((g) => g.id);
}
