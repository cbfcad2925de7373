// The sizing GitHub documents, on its own worked examples.
import { describe, expect, it } from "vitest";
import { validate } from "@octokit/graphql-schema";
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { analyzeQuery, isFreeQuery, nodeLimitMessage } from "./analysis";
import { githubSchema } from "./schema";

function analyze(query: string, variables: Record<string, unknown> = {}) {
  expect(validate(query)).toEqual([]);
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { ...analyzeQuery(githubSchema(), operation, fragments, variables), free: isFreeQuery(operation, variables) };
}

describe("query sizing (docs.github.com: rate limits and node limits for the GraphQL API)", () => {
  it("counts 550 nodes for the simple example", () => {
    const size = analyze(`query { viewer { repositories(first: 50) { edges { repository: node { name issues(first: 10) { totalCount edges { node { title bodyHTML } } } } } } } }`);
    expect(size.nodeCount).toBe(550);
  });

  it("counts 22,060 nodes for the complex example", () => {
    const size = analyze(`query {
      viewer {
        repositories(first: 50) { edges { repository: node { name
          pullRequests(first: 20) { edges { pullRequest: node { title comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
          issues(first: 20) { totalCount edges { issue: node { title bodyHTML comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        } } }
        followers(first: 10) { edges { follower: node { login } } }
      }
    }`);
    expect(size.nodeCount).toBe(22_060);
  });

  it("costs 51 points for the documented 5,101-request query", () => {
    const size = analyze(`query($repos: Int!) { viewer { login repositories(first: $repos) { edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`, { repos: 100 });
    expect(size).toMatchObject({ requestCount: 5101, cost: 51, free: false });
  });

  it("charges one point for a query without connections, and nothing for rateLimit alone", () => {
    expect(analyze(`{ viewer { login } }`)).toMatchObject({ requestCount: 0, cost: 1, free: false });
    expect(analyze(`{ rateLimit { remaining } }`)).toMatchObject({ cost: 1, free: true });
  });

  it("counts only the dearest branch of a type switch, and nodes(ids:) by its ids", () => {
    const size = analyze(`query($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Repository { issues(first: 10) { totalCount } }
      ... on Organization { teams(first: 20) { nodes { members(first: 5) { totalCount } } } }
    } }`, { ids: ["a", "b", "c"] });
    // 3 nodes; the Organization branch: 3 × 20 teams + 3 × 20 × 5 members.
    expect(size.nodeCount).toBe(3 + 60 + 300);
    expect(size.requestCount).toBe(1 + 3 + 60);
  });

  it("expands fragments and honours @skip/@include", () => {
    const size = analyze(`query($skip: Boolean!) { organization(login: "o") { ...Repos teams(first: 7) @skip(if: $skip) { totalCount } } } fragment Repos on Organization { repositories(first: 30) { nodes { name } } }`, { skip: true });
    expect(size.nodeCount).toBe(30);
  });

  it("names the first connection past 500,000 nodes", () => {
    const size = analyze(`{ organization(login: "o") { teams(first: 100) { nodes { members(first: 100) { nodes { repositories(first: 51) { totalCount } } } } } } }`);
    expect(size.nodeCount).toBe(100 + 10_000 + 510_000);
    expect(nodeLimitMessage(size.overLimit!)).toBe(
      "By the time this query traverses to the repositories connection, it is requesting up to 510,000 possible nodes which exceeds the maximum limit of 500,000.",
    );
    const spread = analyze(`{ a: organization(login: "o") { teams(first: 100) { nodes { members(first: 100) { totalCount } } } } b: organization(login: "p") { teams(first: 100) { nodes { members(first: 100) { totalCount } } } } c: organization(login: "p") { teams(first: 100) { nodes { members(first: 100) { totalCount } } } } d: organization(login: "p") { teams(first: 100) { nodes { members(first: 100) { totalCount } } } } e: organization(login: "p") { teams(first: 100) { nodes { members(first: 100) { totalCount } } } } }`);
    expect(spread.nodeCount).toBe(5 * 10_100);
    expect(spread.overLimit).toBeUndefined();
  });
});
