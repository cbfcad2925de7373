// GraphQL as the GitHub emulator serves it (beside REST), reached the way Rampart reaches it:
// the endpoints file's URL and token, the real client, and GitHub's own REST view of the budget.
import { describe, expect, it } from "vitest";
import { graphql } from "@octokit/graphql";
import { validate } from "@octokit/graphql-schema";
import { useEmulators } from "../../test-support/start";

describe("GitHub emulator: /graphql", () => {
  const emulators = useEmulators(["github"]);

  it("serves the org inventory and spends the budget GET /rate_limit reports", async () => {
    const { endpoints, ctx } = emulators();
    const client = graphql.defaults({ baseUrl: endpoints.github, headers: { authorization: `bearer ${endpoints.githubToken}` } });
    const query = `query($login: String!) { organization(login: $login) { repositories(first: 100) { totalCount nodes { nameWithOwner } } } rateLimit { used } }`;
    expect(validate(query)).toEqual([]);
    const org = ctx.world.github.orgs[0]!;
    const result = (await client(query, { login: org.login })) as { organization: { repositories: { totalCount: number; nodes: { nameWithOwner: string }[] } }; rateLimit: { used: number } };
    expect(result.organization.repositories.totalCount).toBe(org.repos.length);
    expect(result.organization.repositories.nodes.map((n) => n.nameWithOwner).sort()).toEqual(org.repos.map((r) => r.fullName).sort());

    const overview = await fetch(`${endpoints.github}/rate_limit`, { headers: { authorization: `bearer ${endpoints.githubToken}` } });
    expect(((await overview.json()) as { resources: { graphql: { used: number } } }).resources.graphql.used).toBe(result.rateLimit.used);
  });
});
