// Reads an org's inventory: repositories with branch protection, rulesets and alert settings
// (GraphQL), security_and_analysis (REST org repo list), teams with members and repository
// permissions, members, and SAML external identities. Pure fetching and mapping.
import { z } from "zod";
import type { GitHubClient } from "./client";
import { nextLink } from "./client";
import { EXTERNAL_IDENTITIES_QUERY, MEMBERS_QUERY, REPOSITORIES_QUERY, TEAMS_QUERY } from "./inventory-queries";

export interface RepositoryRecord {
  sourceId: string;
  nodeId: string;
  name: string;
  fullName: string;
  url: string | null;
  defaultBranch: string | null;
  visibility: string | null;
  archived: boolean;
  isFork: boolean;
  primaryLanguage: string | null;
  pushedAt: Date | null;
  sourceUpdatedAt: Date | null;
  /** The posture evidence controls read (merged into repository.settings). */
  settings: Record<string, unknown>;
}

export interface TeamRecord {
  sourceId: string;
  slug: string;
  name: string;
  description: string | null;
  parentSlug: string | null;
  members: { login: string; role: string }[];
  repositories: { repositorySourceId: string; permission: string }[];
  /** Members or repositories beyond the first 100 were not read (reported, not hidden). */
  truncated: boolean;
}

export interface OrgInventory {
  org: { sourceId: string; nodeId: string; login: string; name: string | null };
  repositories: RepositoryRecord[];
  teams: TeamRecord[];
  members: { login: string; role: string }[];
  identities: { login: string; nameId: string }[];
}

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const Nodes = <T extends z.ZodTypeAny>(node: T) => z.object({ nodes: z.array(node.nullable()).nullish() }).nullish();

const Repository = z.object({
  id: z.string(),
  databaseId: z.number().int(),
  name: z.string(),
  nameWithOwner: z.string(),
  isArchived: z.boolean(),
  isFork: z.boolean(),
  visibility: z.string().nullish(),
  updatedAt: z.string().nullish(),
  pushedAt: z.string().nullish(),
  url: z.string().nullish(),
  primaryLanguage: z.object({ name: z.string() }).nullish(),
  defaultBranchRef: z.object({ name: z.string() }).nullish(),
  hasVulnerabilityAlertsEnabled: z.boolean().nullish(),
  branchProtectionRules: Nodes(z.record(z.string(), z.unknown())),
  rulesets: Nodes(z.object({ databaseId: z.number().nullish(), name: z.string(), enforcement: z.string(), target: z.string().nullish(), rules: Nodes(z.object({ type: z.string(), parameters: z.record(z.string(), z.unknown()).nullish() })) })),
});

const RepositoriesResponse = z.object({
  organization: z.object({
    id: z.string(),
    databaseId: z.number().int().nullish(),
    login: z.string(),
    name: z.string().nullish(),
    repositories: z.object({ totalCount: z.number(), pageInfo: PageInfo, nodes: z.array(Repository.nullable()) }),
  }),
});

const TeamsResponse = z.object({
  organization: z.object({
    teams: z.object({
      pageInfo: PageInfo,
      nodes: z.array(
        z.object({
          databaseId: z.number().int(),
          slug: z.string(),
          name: z.string(),
          description: z.string().nullish(),
          parentTeam: z.object({ slug: z.string() }).nullish(),
          members: z.object({ pageInfo: PageInfo, edges: z.array(z.object({ role: z.string(), node: z.object({ login: z.string() }) })) }),
          repositories: z.object({ pageInfo: PageInfo, edges: z.array(z.object({ permission: z.string(), node: z.object({ databaseId: z.number().int() }) })) }),
        }),
      ),
    }),
  }),
});

const MembersResponse = z.object({
  organization: z.object({ membersWithRole: z.object({ pageInfo: PageInfo, edges: z.array(z.object({ role: z.string(), node: z.object({ login: z.string() }) })) }) }),
});

const IdentitiesResponse = z.object({
  organization: z.object({
    samlIdentityProvider: z
      .object({
        externalIdentities: z.object({
          pageInfo: PageInfo,
          nodes: z.array(z.object({ samlIdentity: z.object({ nameId: z.string().nullish() }).nullish(), user: z.object({ login: z.string() }).nullish() })),
        }),
      })
      .nullish(),
  }),
});

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

/** GraphQL names repository permissions WRITE/READ; REST and Rampart say push/pull. */
const PERMISSION: Record<string, string> = { ADMIN: "admin", MAINTAIN: "maintain", WRITE: "push", TRIAGE: "triage", READ: "pull" };
const permission = (value: string) => PERMISSION[value.toUpperCase()] ?? value.toLowerCase();

function mapRepository(repo: z.infer<typeof Repository>): RepositoryRecord {
  return {
    sourceId: String(repo.databaseId),
    nodeId: repo.id,
    name: repo.name,
    fullName: repo.nameWithOwner,
    url: repo.url ?? null,
    defaultBranch: repo.defaultBranchRef?.name ?? null,
    visibility: repo.visibility?.toLowerCase() ?? null,
    archived: repo.isArchived,
    isFork: repo.isFork,
    primaryLanguage: repo.primaryLanguage?.name ?? null,
    pushedAt: date(repo.pushedAt),
    sourceUpdatedAt: date(repo.updatedAt),
    settings: {
      vulnerabilityAlerts: repo.hasVulnerabilityAlertsEnabled ?? null,
      branchProtectionRules: (repo.branchProtectionRules?.nodes ?? []).filter(Boolean),
      rulesets: (repo.rulesets?.nodes ?? []).filter(Boolean).map((r) => ({
        id: r!.databaseId ?? null,
        name: r!.name,
        enforcement: r!.enforcement,
        target: r!.target ?? null,
        rules: (r!.rules?.nodes ?? []).filter(Boolean),
      })),
    },
  };
}

async function allPages<T>(fetch: (after: string | null) => Promise<{ items: T[]; pageInfo: z.infer<typeof PageInfo> }>): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetch(after);
    out.push(...page.items);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
}

/** Reads every repository; `stopAtUpdatedBefore` ends early for incremental syncs (newest first). */
export async function fetchRepositories(client: GitHubClient, login: string, stopAtUpdatedBefore: Date | null = null): Promise<{ org: OrgInventory["org"]; repositories: RepositoryRecord[]; complete: boolean }> {
  let org: OrgInventory["org"] | null = null;
  const repositories: RepositoryRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const data = RepositoriesResponse.parse(await client.octokit.graphql(REPOSITORIES_QUERY, { login, after }));
    const o = data.organization;
    org ??= { sourceId: String(o.databaseId ?? o.id), nodeId: o.id, login: o.login, name: o.name ?? null };
    const page = o.repositories.nodes.filter((r): r is z.infer<typeof Repository> => r !== null).map(mapRepository);
    repositories.push(...page);
    const reachedOld = stopAtUpdatedBefore !== null && page.some((r) => r.sourceUpdatedAt !== null && r.sourceUpdatedAt < stopAtUpdatedBefore);
    if (reachedOld) return { org, repositories, complete: false };
    if (!o.repositories.pageInfo.hasNextPage || !o.repositories.pageInfo.endCursor) return { org, repositories, complete: true };
    after = o.repositories.pageInfo.endCursor;
  }
}

/** security_and_analysis of every repository, from the REST org repository list (100 per request). */
export async function fetchSecurityAndAnalysis(client: GitHubClient, login: string): Promise<Map<string, Record<string, unknown>>> {
  const result = new Map<string, Record<string, unknown>>();
  let url: string | null = `/orgs/${encodeURIComponent(login)}/repos?per_page=100&type=all`;
  while (url) {
    const response = await client.octokit.request(`GET ${url}`);
    for (const repo of response.data as { id: number; security_and_analysis?: Record<string, unknown> | null }[]) {
      result.set(String(repo.id), repo.security_and_analysis ?? {});
    }
    url = nextLink(response.headers.link);
  }
  return result;
}

export async function fetchTeams(client: GitHubClient, login: string): Promise<TeamRecord[]> {
  return allPages(async (after) => {
    const data = TeamsResponse.parse(await client.octokit.graphql(TEAMS_QUERY, { login, after }));
    const teams = data.organization.teams;
    return {
      pageInfo: teams.pageInfo,
      items: teams.nodes.map((t) => ({
        sourceId: String(t.databaseId),
        slug: t.slug,
        name: t.name,
        description: t.description ?? null,
        parentSlug: t.parentTeam?.slug ?? null,
        members: t.members.edges.map((e) => ({ login: e.node.login, role: e.role.toLowerCase() })),
        repositories: t.repositories.edges.map((e) => ({ repositorySourceId: String(e.node.databaseId), permission: permission(e.permission) })),
        truncated: t.members.pageInfo.hasNextPage || t.repositories.pageInfo.hasNextPage,
      })),
    };
  });
}

export async function fetchMembers(client: GitHubClient, login: string): Promise<OrgInventory["members"]> {
  return allPages(async (after) => {
    const data = MembersResponse.parse(await client.octokit.graphql(MEMBERS_QUERY, { login, after }));
    const page = data.organization.membersWithRole;
    return { pageInfo: page.pageInfo, items: page.edges.map((e) => ({ login: e.node.login, role: e.role.toLowerCase() })) };
  });
}

/** SAML external identities (login ↔ NameID, usually the Entra UPN); empty without SAML SSO. */
export async function fetchExternalIdentities(client: GitHubClient, login: string): Promise<OrgInventory["identities"]> {
  return allPages(async (after) => {
    const data = IdentitiesResponse.parse(await client.octokit.graphql(EXTERNAL_IDENTITIES_QUERY, { login, after }));
    const page = data.organization.samlIdentityProvider?.externalIdentities;
    if (!page) return { pageInfo: { hasNextPage: false, endCursor: null }, items: [] };
    return {
      pageInfo: page.pageInfo,
      items: page.nodes.flatMap((n) => (n.user?.login && n.samlIdentity?.nameId ? [{ login: n.user.login, nameId: n.samlIdentity.nameId }] : [])),
    };
  });
}
