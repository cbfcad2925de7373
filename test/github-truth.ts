// Test support: what the database must hold after syncing a GitHub emulator world, computed
// from the world itself (not from the API), so a sync bug cannot hide behind a mapper bug.
import type { World } from "../emulators/world/world";
import { ALERT_KINDS, DISMISS_REASONS, type AlertKind } from "../emulators/world/alerts";
import { CODE_RULES } from "../emulators/world/catalogs";

export interface ExpectedFinding {
  sourceId: string;
  state: "open" | "fixed" | "dismissed" | "resolved";
  updatedAt: string;
  closedAt: string | null;
  severity: string;
}

const PREFIX: Record<AlertKind, string> = { code_scanning: "code_scanning", secret_scanning: "secret_scanning", dependabot: "dependabot" };
const RANK: Record<string, number> = { pull: 0, triage: 1, push: 2, maintain: 3, admin: 4 };
const secondsIso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

function expectedState(kind: AlertKind, state: string, reasonIndex: number): ExpectedFinding["state"] {
  if (state === "open") return "open";
  if (kind === "secret_scanning") return DISMISS_REASONS.secret_scanning[reasonIndex] === "revoked" ? "fixed" : "dismissed";
  if (state === "auto_dismissed") return "dismissed";
  return state as ExpectedFinding["state"];
}

/** Every alert of the world as the findings table must show it. */
export function expectedFindings(world: World): Map<string, ExpectedFinding> {
  const out = new Map<string, ExpectedFinding>();
  world.github.orgs.forEach((org, orgIndex) => {
    for (const kind of ALERT_KINDS) {
      const table = world.alerts(orgIndex, kind);
      for (let row = 0; row < table.size; row++) {
        const a = table.get(row);
        const sourceId = `${PREFIX[kind]}:${org.repos[a.repoIndex]!.id}:${a.number}`;
        const severity =
          kind === "code_scanning"
            ? CODE_RULES[a.catalogIndex]!.securitySeverity
            : kind === "dependabot"
              ? world.advisories[a.catalogIndex]!.severity
              : "(secret)";
        out.set(sourceId, {
          sourceId,
          state: expectedState(kind, a.state, a.reasonIndex),
          updatedAt: secondsIso(a.updatedAt),
          closedAt: a.closedAt === null ? null : secondsIso(a.closedAt),
          severity,
        });
      }
    }
  });
  return out;
}

/** Repositories, teams, permissions and memberships as the inventory tables must show them. */
export function expectedInventory(world: World) {
  const repos = new Map<string, { fullName: string; defaultBranch: string; archived: boolean; pushProtection: boolean; requiredReviews: number | null }>();
  const teamRepos = new Set<string>();
  const teamMembers = new Set<string>();
  for (const org of world.github.orgs) {
    for (const repo of org.repos) {
      repos.set(String(repo.id), {
        fullName: repo.fullName,
        defaultBranch: repo.defaultBranch,
        archived: repo.archived,
        pushProtection: repo.settings.secretScanningPushProtection,
        requiredReviews: repo.branchProtection?.requiredApprovingReviewCount ?? null,
      });
    }
    for (const team of org.teams) {
      // Child teams inherit their ancestors' access; a team's permission on a repository is the
      // strongest grant along its lineage, as GitHub reports it.
      const best = new Map<number, string>();
      for (let t: typeof team | undefined = team, hops = 0; t && hops < 10; t = t.parentIndex === null ? undefined : org.teams[t.parentIndex], hops++) {
        for (const r of t.repos) {
          const current = best.get(r.repoIndex);
          if (!current || RANK[r.permission]! > RANK[current]!) best.set(r.repoIndex, r.permission);
        }
      }
      for (const [repoIndex, permission] of best) teamRepos.add(`${org.login}/${team.slug}:${org.repos[repoIndex]!.name}:${permission}`);
      for (const m of team.members) teamMembers.add(`${org.login}/${team.slug}:${world.github.users[org.members[m.memberIndex]!.userIndex]!.login}`);
    }
  }
  return { repos, teamRepos, teamMembers };
}
