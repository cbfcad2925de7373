// Reading the world through the real client: cursors both ways, ordering, filters, teams,
// members and SAML identities must equal what the world holds.
import { describe, expect, it } from "vitest";
import type { GraphqlResponseError } from "@octokit/graphql";
import { useGraphql } from "./test-server";

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: T[];
}

describe("GitHub GraphQL: reading the world", () => {
  const target = useGraphql();
  const REPOS = `query($login: String!, $first: Int, $after: String, $last: Int, $before: String) {
    organization(login: $login) {
      repositories(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { name nameWithOwner databaseId }
      }
    }
  }`;
  type Repos = { organization: { repositories: Page<{ name: string }> } };

  it("pages forward through every repository of an org with cursors", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { repositories }: Repos["organization"] = ((await client(REPOS, { login: org.login, first: 4, after })) as Repos).organization;
      expect(repositories.totalCount).toBe(org.repos.length);
      expect(repositories.pageInfo.hasPreviousPage).toBe(after !== null);
      names.push(...repositories.nodes.map((n) => n.name));
      after = repositories.pageInfo.hasNextPage ? repositories.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(org.repos.length / 4));
    expect(names.sort()).toEqual(org.repos.map((r) => r.name).sort());
  });

  it("pages backward with last/before to the same repositories", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[1]!;
    const names: string[] = [];
    let before: string | null = null;
    do {
      const { repositories }: Repos["organization"] = ((await client(REPOS, { login: org.login, last: 4, before })) as Repos).organization;
      names.unshift(...repositories.nodes.map((n) => n.name));
      before = repositories.pageInfo.hasPreviousPage ? repositories.pageInfo.startCursor : null;
    } while (before);
    const forward = ((await client(REPOS, { login: org.login, first: 100 })) as Repos).organization.repositories.nodes.map((n) => n.name);
    expect(names).toEqual(forward);
    expect(names).toHaveLength(org.repos.length);
  });

  it.each(["PUSHED_AT", "UPDATED_AT", "CREATED_AT"] as const)("orders by %s descending", async (field) => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const result = (await client(
      `query($login: String!, $field: RepositoryOrderField!) {
        organization(login: $login) { repositories(first: 100, orderBy: { field: $field, direction: DESC }) { nodes { name pushedAt updatedAt createdAt } } }
      }`,
      { login: org.login, field },
    )) as Repos;
    const prop = ({ PUSHED_AT: "pushedAt", UPDATED_AT: "updatedAt", CREATED_AT: "createdAt" } as const)[field];
    const expected = [...org.repos].sort((a, b) => b[prop] - a[prop] || b.id - a.id).map((r) => r.name);
    expect(result.organization.repositories.nodes.map((n) => n.name)).toEqual(expected);
  });

  it("filters by archived, fork and privacy as GitHub does", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const result = (await client(
      `query($login: String!) {
        organization(login: $login) {
          active: repositories(isArchived: false) { totalCount }
          sources: repositories(isFork: false) { totalCount }
          public: repositories(privacy: PUBLIC) { totalCount }
          private: repositories(privacy: PRIVATE) { totalCount }
        }
      }`,
      { login: org.login },
    )) as { organization: Record<string, { totalCount: number }> };
    expect(result.organization.active!.totalCount).toBe(org.repos.filter((r) => !r.archived).length);
    expect(result.organization.sources!.totalCount).toBe(org.repos.filter((r) => !r.fork).length);
    expect(result.organization.public!.totalCount).toBe(org.repos.filter((r) => r.visibility === "public").length);
    expect(result.organization.private!.totalCount).toBe(org.repos.filter((r) => r.visibility !== "public").length);
  });

  it("lists teams with their members and repository permissions as the world has them", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const result = (await client(
      `query($login: String!) {
        organization(login: $login) {
          teams(first: 100) {
            totalCount
            nodes {
              databaseId slug name privacy parentTeam { slug }
              members(first: 100, membership: IMMEDIATE) { edges { role node { login } } }
              repositories(first: 100) { edges { permission node { nameWithOwner databaseId } } }
            }
          }
        }
      }`,
      { login: org.login },
    )) as {
      organization: {
        teams: Page<{ databaseId: number; slug: string; parentTeam: null; members: { edges: { role: string; node: { login: string } }[] }; repositories: { edges: { permission: string; node: { nameWithOwner: string } }[] } }>;
      };
    };
    expect(result.organization.teams.totalCount).toBe(org.teams.length);
    const PERMISSION = { pull: "READ", triage: "TRIAGE", push: "WRITE", maintain: "MAINTAIN", admin: "ADMIN" } as const;
    for (const team of org.teams) {
      // Tiny worlds have no nested teams, so a team's access is exactly its own grants.
      expect(team.parentIndex).toBeNull();
      const got = result.organization.teams.nodes.find((t) => t.databaseId === team.id)!;
      expect(got.slug).toBe(team.slug);
      const members = team.members.map((m) => ({ role: m.role.toUpperCase(), login: ctx.world.github.users[org.members[m.memberIndex]!.userIndex]!.login }));
      expect(got.members.edges.map((e) => ({ role: e.role, login: e.node.login })).sort((a, b) => a.login.localeCompare(b.login))).toEqual(
        members.sort((a, b) => a.login.localeCompare(b.login)),
      );
      const repos = team.repos.map((g) => ({ permission: PERMISSION[g.permission], repo: org.repos[g.repoIndex]!.fullName }));
      expect(got.repositories.edges.map((e) => ({ permission: e.permission, repo: e.node.nameWithOwner })).sort((a, b) => a.repo.localeCompare(b.repo))).toEqual(
        repos.sort((a, b) => a.repo.localeCompare(b.repo)),
      );
    }
  });

  it("lists org members with their roles", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[1]!;
    const result = (await client(`query($login: String!) { organization(login: $login) { membersWithRole(first: 100) { totalCount edges { role node { login name } } } } }`, {
      login: org.login,
    })) as { organization: { membersWithRole: { totalCount: number; edges: { role: string; node: { login: string } }[] } } };
    const expected = org.members.map((m) => ({ role: m.role.toUpperCase(), login: ctx.world.github.users[m.userIndex]!.login }));
    expect(result.organization.membersWithRole.totalCount).toBe(org.members.length);
    expect(result.organization.membersWithRole.edges.map((e) => ({ role: e.role, login: e.node.login }))).toEqual(expected);
  });

  it("maps every member's login to their Entra UPN through SAML external identities", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const upnByLogin = new Map<string, string>();
    let after: string | null = null;
    do {
      const result = (await client(
        `query($login: String!, $after: String) {
          organization(login: $login) {
            samlIdentityProvider {
              externalIdentities(first: 3, after: $after) {
                pageInfo { hasNextPage endCursor }
                nodes { guid samlIdentity { nameId username } user { login } }
              }
            }
          }
        }`,
        { login: org.login, after },
      )) as { organization: { samlIdentityProvider: { externalIdentities: Page<{ guid: string; samlIdentity: { nameId: string }; user: { login: string } }> } } };
      const page = result.organization.samlIdentityProvider.externalIdentities;
      for (const node of page.nodes) upnByLogin.set(node.user.login, node.samlIdentity.nameId);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const expected = new Map(org.members.map((m) => ctx.world.github.users[m.userIndex]!).map((u) => [u.login, u.upn]));
    expect(upnByLogin).toEqual(expected);
  });

  it("reads branch protection and rulesets as the world configures them", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const result = (await client(
      `query($login: String!) {
        organization(login: $login) {
          repositories(first: 100) {
            nodes {
              databaseId
              defaultBranchRef { name }
              branchProtectionRules(first: 10) { nodes { pattern requiredApprovingReviewCount requiresCodeOwnerReviews requiresCommitSignatures requiredStatusCheckContexts isAdminEnforced allowsForcePushes } }
              rulesets(first: 10) { nodes { databaseId name enforcement target rules(first: 10) { nodes { type parameters { ... on PullRequestParameters { requiredApprovingReviewCount requireCodeOwnerReview dismissStaleReviewsOnPush } } } } } }
            }
          }
        }
      }`,
      { login: org.login },
    )) as { organization: { repositories: { nodes: { databaseId: number; defaultBranchRef: { name: string }; branchProtectionRules: { nodes: Record<string, unknown>[] }; rulesets: { nodes: { databaseId: number; enforcement: string; rules: { nodes: { type: string; parameters: Record<string, unknown> | null }[] } }[] } }[] } } };
    for (const repo of org.repos) {
      const got = result.organization.repositories.nodes.find((n) => n.databaseId === repo.id)!;
      expect(got.defaultBranchRef.name).toBe(repo.defaultBranch);
      const bp = repo.branchProtection;
      expect(got.branchProtectionRules.nodes).toEqual(
        bp
          ? [{ pattern: repo.defaultBranch, requiredApprovingReviewCount: bp.requiredApprovingReviewCount, requiresCodeOwnerReviews: bp.requireCodeOwnerReviews, requiresCommitSignatures: bp.requireSignedCommits, requiredStatusCheckContexts: bp.requiredStatusChecks, isAdminEnforced: bp.enforceAdmins, allowsForcePushes: bp.allowForcePushes }]
          : [],
      );
      expect(got.rulesets.nodes.map((r) => [r.databaseId, r.enforcement, r.rules.nodes.map((n) => n.type)])).toEqual(
        repo.rulesets.map((r) => [r.id, r.enforcement.toUpperCase(), r.rules.map((x) => x.type.toUpperCase())]),
      );
      for (const ruleset of repo.rulesets) {
        const pr = ruleset.rules.find((r) => r.type === "pull_request")!.parameters!;
        const params = got.rulesets.nodes.find((r) => r.databaseId === ruleset.id)!.rules.nodes.find((n) => n.type === "PULL_REQUEST")!.parameters;
        expect(params).toEqual({ requiredApprovingReviewCount: pr.required_approving_review_count, requireCodeOwnerReview: pr.require_code_owner_review, dismissStaleReviewsOnPush: pr.dismiss_stale_reviews_on_push });
      }
    }
  });

  it("resolves global node ids, and reports the ones it cannot", async () => {
    const { client, ctx } = target();
    const org = ctx.world.github.orgs[0]!;
    const ids = [org.nodeId, org.repos[2]!.nodeId, org.teams[1]!.nodeId, "MDQ6VXNlcjk5OTk5OTk5"];
    const error = (await client(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Organization { login } ... on Repository { nameWithOwner } ... on Team { slug } } }`,
      { ids },
    ).catch((e: unknown) => e)) as GraphqlResponseError<{ nodes: (Record<string, string> | null)[] }>;
    expect(error.data?.nodes).toEqual([
      { __typename: "Organization", id: org.nodeId, login: org.login },
      { __typename: "Repository", id: org.repos[2]!.nodeId, nameWithOwner: org.repos[2]!.fullName },
      { __typename: "Team", id: org.teams[1]!.nodeId, slug: org.teams[1]!.slug },
      null,
    ]);
    expect(error.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["nodes", 3], message: "Could not resolve to a node with the global id of 'MDQ6VXNlcjk5OTk5OTk5'" })]);
  });
});
