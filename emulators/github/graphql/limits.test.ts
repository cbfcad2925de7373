// GitHub's resource limits over HTTPS: point costs and the hourly budget, the node limit, and
// first/last bounds, with GitHub's error types and messages.
import { describe, expect, it } from "vitest";
import { graphql, GraphqlResponseError } from "@octokit/graphql";
import { validate } from "@octokit/graphql-schema";
import { post, useGraphql } from "./test-server";

/** The worked example of GitHub's rate-limit docs: 1 + 100 + 5,000 requests → 51 points. */
const DOCS_COST_EXAMPLE = `query {
  viewer {
    login
    repositories(first: 100) {
      edges { node { id
        issues(first: 50) {
          edges { node { id
            labels(first: 60) { edges { node { id name } } }
          } }
        }
      } }
    }
  }
  rateLimit { cost remaining used limit nodeCount resetAt }
}`;

type RateLimit = { cost: number; remaining: number; used: number; limit: number; nodeCount: number; resetAt: string };

async function rejection(promise: Promise<unknown>): Promise<GraphqlResponseError<unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphqlResponseError)) throw new Error(`expected a GraphQL error response, got ${String(error)}`);
  return error;
}

describe("GitHub GraphQL: limits", () => {
  const target = useGraphql();

  it("charges the documented cost, reports it in rateLimit and the x-ratelimit headers", async () => {
    const { url, pat } = target();
    expect(validate(DOCS_COST_EXAMPLE)).toEqual([]);
    const token = pat("cost-reader");
    const first = await post(url, { query: DOCS_COST_EXAMPLE }, token);
    const second = await post(url, { query: DOCS_COST_EXAMPLE }, token);
    const [a, b] = [first, second].map((r) => (r.json.data as { rateLimit: RateLimit }).rateLimit);
    expect(a).toMatchObject({ cost: 51, limit: 5000, used: 51, remaining: 4949, nodeCount: 100 + 5000 + 300_000 });
    expect(b).toMatchObject({ cost: 51, used: 102, remaining: 4898 });
    expect(b!.resetAt).toBe(a!.resetAt);
    expect(Date.parse(a!.resetAt) - Date.now()).toBeGreaterThan(3_500_000);
    expect(Object.fromEntries(["limit", "remaining", "used", "resource"].map((h) => [h, second.headers.get(`x-ratelimit-${h}`)]))).toEqual({
      limit: "5000",
      remaining: "4898",
      used: "102",
      resource: "graphql",
    });
    expect(Number(second.headers.get("x-ratelimit-reset"))).toBe(Math.floor(Date.parse(b!.resetAt) / 1000));
  });

  it("charges at least one point, and nothing for a rateLimit-only query or a dry run", async () => {
    const { url, pat } = target();
    const token = pat("cheap-reader");
    const rate = async (query: string) => ((await post(url, { query }, token)).json.data as { rateLimit: RateLimit }).rateLimit;
    expect(await rate(`{ viewer { login } rateLimit { cost used } }`)).toEqual({ cost: 1, used: 1 });
    expect(await rate(`{ rateLimit { cost used } }`)).toEqual({ cost: 1, used: 1 });
    expect(await rate(`{ organization(login: "contoso-platform") { repositories(first: 100) { nodes { name } } } rateLimit(dryRun: true) { cost used } }`)).toEqual({ cost: 1, used: 1 });
  });

  it("refuses a query past 500,000 nodes before running it, naming the connection", async () => {
    const { client } = target();
    const query = `{ organization(login: "contoso-platform") { repositories(first: 100) { nodes { collaborators(first: 100) { nodes { repositories(first: 100) { totalCount } } } } } } }`;
    const error = await rejection(client(query));
    expect(error.data).toBeUndefined();
    expect(error.errors).toEqual([
      {
        type: "MAX_NODE_LIMIT_EXCEEDED",
        locations: [{ line: 1, column: query.lastIndexOf("repositories") + 1 }],
        message: "By the time this query traverses to the repositories connection, it is requesting up to 1,000,000 possible nodes which exceeds the maximum limit of 500,000.",
      },
    ]);
  });

  it("refuses more than 100 records on a connection, nulling what holds it", async () => {
    const { client } = target();
    const query = `query { organization(login: "contoso-platform") { login repositories(first: 101) { nodes { name } } } }`;
    const error = await rejection(client(query));
    expect(error.data).toEqual({ organization: null });
    expect(error.errors).toEqual([
      {
        type: "EXCESSIVE_PAGINATION",
        path: ["organization", "repositories"],
        locations: [{ line: 1, column: query.indexOf("repositories") + 1 }],
        message: "Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.",
      },
    ]);
  });

  it("needs first or last to read records, but not to count them", async () => {
    const { client, ctx } = target();
    const error = await rejection(client(`{ organization(login: "contoso-platform") { teams { nodes { slug } } } }`));
    expect(error.errors).toEqual([
      expect.objectContaining({ type: "MISSING_PAGINATION_BOUNDARIES", path: ["organization", "teams"], message: "You must provide a `first` or `last` value to properly paginate the `teams` connection." }),
    ]);
    const counted = (await client(`{ organization(login: "contoso-platform") { teams { totalCount } } }`)) as { organization: { teams: { totalCount: number } } };
    expect(counted.organization.teams.totalCount).toBe(ctx.world.github.orgs[0]!.teams.length);
    const negative = await rejection(client(`{ organization(login: "contoso-platform") { teams(last: -1) { nodes { slug } } } }`));
    expect(negative.errors?.[0]).toMatchObject({ type: "INVALID_PAGINATION", message: "`last` on the `teams` connection cannot be less than zero." });
  });

  it("rejects a cursor it did not issue", async () => {
    const { client } = target();
    const error = await rejection(client(`{ organization(login: "contoso-platform") { repositories(first: 2, after: "bm9wZQ==") { nodes { name } } } }`));
    expect(error.errors?.[0]).toMatchObject({ type: "INVALID_CURSOR_ARGUMENTS", path: ["organization", "repositories"], message: "`bm9wZQ==` does not appear to be a valid cursor." });
  });

  it("answers RATE_LIMITED once the hour's 5,000 points are spent", async () => {
    const { url, pat } = target();
    const token = pat("greedy-reader");
    // 1 + 100 + 100 × 100 requests = 101 points a query; 100 + 10,000 + 480,000 nodes, within the limit.
    const query = `{ organization(login: "contoso-platform") { repositories(first: 100) { nodes { collaborators(first: 100) { nodes { repositories(first: 48) { totalCount } } } } } } rateLimit { cost remaining } }`;
    expect(validate(query)).toEqual([]);
    const client = graphql.defaults({ baseUrl: url, headers: { authorization: `token ${token}` } });
    for (let i = 1; i <= 49; i++) {
      const result = (await client(query)) as { rateLimit: { cost: number; remaining: number } };
      expect(result.rateLimit).toEqual({ cost: 101, remaining: 5000 - 101 * i });
    }
    const limited = await post(url, { query }, token);
    expect(limited.status).toBe(200);
    expect(limited.json).toEqual({ errors: [{ type: "RATE_LIMITED", code: "graphql_rate_limit", message: expect.stringMatching(/^API rate limit exceeded for user ID \d+\.$/) }] });
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("51");
    // A cheaper query still fits in what is left; the budget is per user, not per query.
    expect(((await client(`{ viewer { login } rateLimit { remaining } }`)) as { rateLimit: { remaining: number } }).rateLimit.remaining).toBe(50);
  });
});
