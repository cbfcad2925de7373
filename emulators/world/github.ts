// GitHub side of the world: enterprise → orgs → members, teams (with repo permissions) →
// repositories with their security settings and branch protection. Small enough to build in
// full even at enterprise scale (20k repositories); alerts live in alerts.ts.
import { Rng } from "../core/random";
import { FIRST_NAMES, LANGUAGES, LAST_NAMES, ORG_SUFFIXES, REPO_ADJECTIVES, REPO_NOUNS, TEAM_NAMES, slugify } from "./names";
import type { Scale } from "./scale";

export const ENTERPRISE_SLUG = "contoso";
export const EMAIL_DOMAIN = "contoso.com";

export interface GitHubUser {
  id: number;
  login: string;
  name: string;
  /** The Entra UPN the org's SAML identity provider knows this person by. */
  upn: string;
}

export interface BranchProtection {
  requiredApprovingReviewCount: number;
  requireCodeOwnerReviews: boolean;
  dismissStaleReviews: boolean;
  requiredStatusChecks: string[];
  strictStatusChecks: boolean;
  enforceAdmins: boolean;
  requireSignedCommits: boolean;
  requireLinearHistory: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
}

export interface Ruleset {
  id: number;
  name: string;
  enforcement: "active" | "evaluate" | "disabled";
  /** GitHub rule types, e.g. pull_request, required_signatures, required_status_checks. */
  rules: { type: string; parameters?: Record<string, unknown> }[];
  updatedAt: number;
}

export interface SecuritySettings {
  advancedSecurity: boolean;
  secretScanning: boolean;
  secretScanningPushProtection: boolean;
  dependabotSecurityUpdates: boolean;
  /** Dependabot alerts (the repository's vulnerability-alerts setting). */
  vulnerabilityAlerts: boolean;
  codeScanningDefaultSetup: boolean;
}

export interface Repository {
  id: number;
  nodeId: string;
  name: string;
  fullName: string;
  orgLogin: string;
  description: string;
  language: string;
  visibility: "private" | "internal" | "public";
  archived: boolean;
  fork: boolean;
  defaultBranch: string;
  createdAt: number;
  updatedAt: number;
  pushedAt: number;
  hasCodeowners: boolean;
  settings: SecuritySettings;
  branchProtection: BranchProtection | null;
  rulesets: Ruleset[];
  /** Relative share of the org's alerts this repository holds (a few hold most). */
  alertWeight: number;
  /** Workflow GITHUB_TOKEN default permissions. */
  workflowPermissions: "read" | "write";
}

export interface TeamRepoPermission {
  repoIndex: number;
  permission: "admin" | "maintain" | "push" | "triage" | "pull";
}

export interface Team {
  id: number;
  nodeId: string;
  slug: string;
  name: string;
  description: string;
  parentIndex: number | null;
  privacy: "closed" | "secret";
  /** Indexes into the org's members. */
  members: { memberIndex: number; role: "member" | "maintainer" }[];
  repos: TeamRepoPermission[];
}

export interface Organization {
  index: number;
  id: number;
  nodeId: string;
  login: string;
  name: string;
  createdAt: number;
  members: { userIndex: number; role: "admin" | "member" }[];
  teams: Team[];
  repos: Repository[];
}

export interface GitHubWorld {
  enterpriseSlug: string;
  users: GitHubUser[];
  orgs: Organization[];
}

/** GitHub's legacy global node id: base64 of "0<type length>:<Type><id>" ("04:User1"). */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

const DAY = 86_400_000;

function buildUsers(seed: number, count: number): GitHubUser[] {
  const seen = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const rng = Rng.of(seed, "user", i);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    let login = `${first}-${last}`;
    for (let n = 2; seen.has(login); n++) login = `${first}-${last}-${n}`;
    seen.add(login);
    const upnLocal = login.replace(/-/g, ".");
    return {
      id: 10_000 + i,
      login,
      name: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
      upn: `${upnLocal}@${EMAIL_DOMAIN}`,
    };
  });
}

function buildRepo(seed: number, orgLogin: string, orgIndex: number, i: number, now: number, usedNames: Set<string>): Repository {
  const rng = Rng.of(seed, "repo", orgIndex, i);
  let name = `${rng.pick(REPO_ADJECTIVES)}-${rng.pick(REPO_NOUNS)}`;
  for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/-\d+$/, "")}-${n}`;
  usedNames.add(name);
  const id = 500_000 + orgIndex * 100_000 + i;
  const createdAt = now - rng.int(60, 2000) * DAY;
  const pushedAt = now - rng.int(0, 120) * DAY - rng.int(0, DAY);
  // Posture is correlated: mature repositories tend to have everything on.
  const maturity = rng.next();
  const protectedBranch = maturity > 0.25;
  const settings: SecuritySettings = {
    advancedSecurity: maturity > 0.15,
    secretScanning: maturity > 0.15,
    secretScanningPushProtection: maturity > 0.4,
    dependabotSecurityUpdates: maturity > 0.35,
    vulnerabilityAlerts: maturity > 0.1,
    codeScanningDefaultSetup: maturity > 0.3,
  };
  const branchProtection: BranchProtection | null = protectedBranch
    ? {
        requiredApprovingReviewCount: maturity > 0.7 ? 2 : 1,
        requireCodeOwnerReviews: maturity > 0.6,
        dismissStaleReviews: maturity > 0.5,
        requiredStatusChecks: maturity > 0.45 ? ["build", "test", "CodeQL"] : [],
        strictStatusChecks: maturity > 0.55,
        enforceAdmins: maturity > 0.8,
        requireSignedCommits: maturity > 0.85,
        requireLinearHistory: maturity > 0.6,
        allowForcePushes: false,
        allowDeletions: false,
      }
    : null;
  const rulesets: Ruleset[] =
    maturity > 0.65
      ? [
          {
            id: 9_000_000 + id,
            name: "default-branch-baseline",
            enforcement: maturity > 0.75 ? "active" : "evaluate",
            rules: [
              { type: "deletion" },
              { type: "non_fast_forward" },
              { type: "pull_request", parameters: { required_approving_review_count: 1, require_code_owner_review: maturity > 0.6, dismiss_stale_reviews_on_push: true, require_last_push_approval: false, required_review_thread_resolution: true } },
              ...(maturity > 0.85 ? [{ type: "required_signatures" }] : []),
            ],
            updatedAt: now - rng.int(5, 200) * DAY,
          },
        ]
      : [];
  return {
    id,
    nodeId: nodeId("Repository", id),
    name,
    fullName: `${orgLogin}/${name}`,
    orgLogin,
    description: `${name.replace(/-/g, " ")} of ${orgLogin}`,
    language: rng.pick(LANGUAGES),
    visibility: rng.weighted(["private", "internal", "public"] as const, [6, 3, 1]),
    archived: rng.bool(0.04),
    fork: rng.bool(0.03),
    defaultBranch: rng.bool(0.85) ? "main" : "master",
    createdAt,
    updatedAt: Math.max(createdAt, pushedAt - rng.int(0, 10) * DAY),
    pushedAt,
    hasCodeowners: maturity > 0.5,
    settings,
    branchProtection,
    rulesets,
    // Zipf-like: rank from a hash, weight 1/(rank+1)^1.1, so a few repositories hold most alerts.
    alertWeight: 1 / Math.pow(1 + Math.floor(rng.next() * 400), 1.1) * (settings.advancedSecurity ? 1 : 0.2),
    workflowPermissions: maturity > 0.5 ? "read" : "write",
  };
}

function buildTeams(seed: number, orgIndex: number, scale: Scale, memberCount: number, repoCount: number): Team[] {
  return Array.from({ length: scale.teamsPerOrg }, (_, t) => {
    const rng = Rng.of(seed, "team", orgIndex, t);
    const base = TEAM_NAMES[t % TEAM_NAMES.length]!;
    const name = t < TEAM_NAMES.length ? base : `${base} ${Math.floor(t / TEAM_NAMES.length) + 1}`;
    const id = 7_000_000 + orgIndex * 10_000 + t;
    const memberIndexes = new Set<number>();
    const size = Math.min(memberCount, rng.int(3, Math.max(3, Math.ceil(memberCount / Math.max(1, scale.teamsPerOrg / 2)))));
    while (memberIndexes.size < size) memberIndexes.add(rng.int(0, memberCount - 1));
    // Each repository belongs to one owning team (write/admin); some teams also read others.
    const repos: TeamRepoPermission[] = [];
    for (let r = 0; r < repoCount; r++) {
      if (r % scale.teamsPerOrg === t) repos.push({ repoIndex: r, permission: rng.bool(0.3) ? "admin" : rng.bool(0.5) ? "maintain" : "push" });
      else if (rng.bool(0.05)) repos.push({ repoIndex: r, permission: rng.bool(0.5) ? "pull" : "triage" });
    }
    return {
      id,
      nodeId: nodeId("Team", id),
      slug: slugify(name),
      name,
      description: `${name} team`,
      parentIndex: t >= 4 && rng.bool(0.3) ? rng.int(0, 3) : null,
      privacy: "closed",
      members: [...memberIndexes].sort((a, b) => a - b).map((memberIndex, k) => ({ memberIndex, role: k === 0 ? "maintainer" : "member" })),
      repos,
    };
  });
}

/** Builds the GitHub side: users shared across orgs (people belong to several), orgs, teams, repos. */
export function buildGitHubWorld(seed: number, scale: Scale, now: number): GitHubWorld {
  // People overlap between orgs: the user pool is ~70 % of the seats.
  const users = buildUsers(seed, Math.max(scale.membersPerOrg, Math.ceil(scale.githubOrgs * scale.membersPerOrg * 0.7)));
  const orgs: Organization[] = Array.from({ length: scale.githubOrgs }, (_, o) => {
    const rng = Rng.of(seed, "org", o);
    const suffix = ORG_SUFFIXES[o % ORG_SUFFIXES.length]!;
    const login = o < ORG_SUFFIXES.length ? `${ENTERPRISE_SLUG}-${suffix}` : `${ENTERPRISE_SLUG}-${suffix}-${Math.floor(o / ORG_SUFFIXES.length) + 1}`;
    const memberUsers = new Set<number>();
    // The first few users (security and platform admins) are members everywhere.
    for (let u = 0; u < Math.min(3, users.length); u++) memberUsers.add(u);
    while (memberUsers.size < Math.min(scale.membersPerOrg, users.length)) memberUsers.add(rng.int(0, users.length - 1));
    const members = [...memberUsers].sort((a, b) => a - b).map((userIndex, k) => ({ userIndex, role: k < 2 ? ("admin" as const) : ("member" as const) }));
    const usedNames = new Set<string>();
    const repos = Array.from({ length: scale.reposPerOrg }, (_, r) => buildRepo(seed, login, o, r, now, usedNames));
    const id = 100_000 + o;
    return {
      index: o,
      id,
      nodeId: nodeId("Organization", id),
      login,
      name: `Contoso ${suffix[0]!.toUpperCase()}${suffix.slice(1)}`,
      createdAt: now - rng.int(800, 3000) * DAY,
      members,
      teams: buildTeams(seed, o, scale, members.length, repos.length),
      repos,
    };
  });
  return { enterpriseSlug: ENTERPRISE_SLUG, users, orgs };
}
