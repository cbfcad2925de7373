// Building sources from the world, and finding objects by global node id, within what the
// viewer may read.
import type { World } from "../../../world/world";
import type { GitHubUser, Organization, Repository, Team } from "../../../world/github";
import { canReadOrg, type Viewer } from "../auth";
import { parseNodeId, type Source, type SourceOf } from "../model";

export const orgSource = (org: Organization): SourceOf<"Organization"> => ({ __typename: "Organization", org });
export const repoSource = (org: Organization, repo: Repository): SourceOf<"Repository"> => ({ __typename: "Repository", org, repo });
export const teamSource = (org: Organization, team: Team): SourceOf<"Team"> => ({ __typename: "Team", org, team });
export const userSource = (user: GitHubUser): SourceOf<"User"> => ({ __typename: "User", user });

/** The org member's world user. */
export function memberUser(world: World, org: Organization, memberIndex: number): GitHubUser {
  return world.github.users[org.members[memberIndex]!.userIndex]!;
}

/** The viewer as a GitHub user: the PAT's person, or the app's bot for installation tokens. */
export function viewerUser(viewer: Viewer): GitHubUser {
  return viewer.user ?? { id: viewer.owner.id, login: viewer.login, name: viewer.login, upn: "" };
}

/** An org by login, if it exists and the viewer may read it. */
export function readableOrg(world: World, viewer: Viewer, login: string): Organization | undefined {
  const org = world.org(login);
  return org && canReadOrg(viewer, org.index) ? org : undefined;
}

function repoById(world: World, id: number): { org: Organization; repo: Repository } | undefined {
  for (const org of world.github.orgs) {
    const repo = org.repos.find((r) => r.id === id);
    if (repo) return { org, repo };
  }
  return undefined;
}

/** The object behind a global node id, if the viewer may see it. */
export function findNode(world: World, viewer: Viewer, id: string): Source | undefined {
  const parsed = parseNodeId(id);
  if (!parsed) return undefined;
  const readable = (org: Organization | undefined): org is Organization => org !== undefined && canReadOrg(viewer, org.index);
  switch (parsed.type) {
    case "Organization": {
      const org = world.github.orgs.find((o) => o.id === parsed.id);
      return readable(org) ? orgSource(org) : undefined;
    }
    case "Repository": {
      const found = repoById(world, parsed.id);
      return found && readable(found.org) ? repoSource(found.org, found.repo) : undefined;
    }
    case "Team": {
      for (const org of world.github.orgs) {
        const team = org.teams.find((t) => t.id === parsed.id);
        if (team) return readable(org) ? teamSource(org, team) : undefined;
      }
      return undefined;
    }
    case "User": {
      const user = world.github.users.find((u) => u.id === parsed.id);
      return user ? userSource(user) : undefined;
    }
    case "BranchProtectionRule": {
      const found = repoById(world, parsed.id);
      return found && readable(found.org) && found.repo.branchProtection ? { __typename: "BranchProtectionRule", ...found } : undefined;
    }
    case "RepositoryRuleset": {
      for (const org of world.github.orgs) {
        for (const repo of org.repos) {
          const ruleset = repo.rulesets.find((r) => r.id === parsed.id);
          if (ruleset) return readable(org) ? { __typename: "RepositoryRuleset", org, repo, ruleset } : undefined;
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
