// Queries are validated against GitHub's published schema, and refused in GitHub's words, so
// a query the emulator accepts is one GitHub would accept too.
import { describe, expect, it } from "vitest";
import { validate } from "@octokit/graphql-schema";
import { post, useGraphql } from "./test-server";

describe("GitHub GraphQL: schema validation", () => {
  const target = useGraphql();

  it("rejects a field GitHub's schema does not have, as GitHub words it", async () => {
    const { url } = target();
    const query = `query Posture { organization(login: "contoso-platform") { repositories(first: 1) { nodes { name securityScore } } } }`;
    expect(validate(query).map((e) => e.message)).toEqual(['Cannot query field "securityScore" on type "Repository".']);
    const response = await post(url, { query });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      errors: [
        {
          path: ["query Posture", "organization", "repositories", "nodes", "securityScore"],
          extensions: { code: "undefinedField", typeName: "Repository", fieldName: "securityScore" },
          locations: [{ line: 1, column: query.indexOf("securityScore") + 1 }],
          message: "Field 'securityScore' doesn't exist on type 'Repository'",
        },
      ],
    });
  });

  it("rejects unknown and missing arguments and bad literals", async () => {
    const { url } = target();
    const cases: [string, Record<string, unknown>][] = [
      [`{ organization(login: "contoso-platform") { repositories(first: 1, sort: NAME) { totalCount } } }`, { code: "argumentNotAccepted", name: "repositories", typeName: "Field", argumentName: "sort" }],
      [`{ organization { login } }`, { code: "missingRequiredArguments", className: "Field", name: "organization", arguments: "login" }],
      [`{ organization(login: 5) { login } }`, { code: "argumentLiteralsIncompatible", typeName: "Field", argumentName: "login" }],
      [`{ organization(login: "contoso-platform") }`, { code: "selectionMismatch", nodeName: "field 'organization'" }],
    ];
    for (const [query, extensions] of cases) {
      expect(validate(query).length).toBeGreaterThan(0);
      const response = await post(url, { query });
      expect((response.json.errors as { extensions: unknown }[])[0]?.extensions).toEqual(extensions);
      expect(response.json.data).toBeUndefined();
    }
    const both = await post(url, { query: `{ repository { name } }` });
    expect(both.json.errors).toEqual([expect.objectContaining({ path: ["query", "repository"], message: "Field 'repository' is missing required arguments: owner, name" })]);
    const literal = await post(url, { query: `{ organization(login: 5) { login } }` });
    expect((literal.json.errors as { message: string }[])[0]?.message).toBe("Argument 'login' on Field 'organization' has an invalid value (5). Expected type 'String!'.");
  });

  it("reports syntax errors and variables of the wrong type", async () => {
    const { url } = target();
    const syntax = await post(url, { query: "{ viewer { login }" });
    expect(syntax.json).toEqual({ errors: [{ message: 'Expected NAME, actual: (none) ("") at [1, 19]', locations: [{ line: 1, column: 19 }] }] });
    const variables = await post(url, { query: "query($n: Int!) { organization(login: \"contoso-platform\") { repositories(first: $n) { totalCount } } }", variables: { n: "ten" } });
    expect(variables.json).toMatchObject({ errors: [{ message: "Variable $n of type Int! was provided invalid value", extensions: { value: "ten" } }] });
  });

  it("accepts every query GitHub's schema accepts, even fields the world does not model", async () => {
    const { client } = target();
    const query = `{ organization(login: "contoso-platform") { login isVerified projectsV2(first: 5) { totalCount nodes { title } } repositories(first: 1) { nodes { name stargazerCount viewerHasStarred licenseInfo { key } } } } }`;
    expect(await client(query)).toEqual({
      organization: { login: "contoso-platform", isVerified: true, projectsV2: { totalCount: 0, nodes: [] }, repositories: { nodes: [expect.objectContaining({ stargazerCount: 0, viewerHasStarred: false, licenseInfo: null })] } },
    });
  });

  it("is read-only: mutations are refused as GitHub refuses a token without write access", async () => {
    const { url, ctx } = target();
    const query = `mutation($id: ID!) { addStar(input: { starrableId: $id }) { clientMutationId } }`;
    expect(validate(query)).toEqual([]);
    const response = await post(url, { query, variables: { id: ctx.world.github.orgs[0]!.repos[0]!.nodeId } });
    expect(response.json).toMatchObject({ data: { addStar: null }, errors: [{ type: "FORBIDDEN", path: ["addStar"] }] });
  });
});
