// Who may read what: GitHub's 401s for missing and bad credentials, and installation tokens
// confined to their own org.
import { describe, expect, it } from "vitest";
import { graphql, GraphqlResponseError } from "@octokit/graphql";
import { post, useGraphql } from "./test-server";

describe("GitHub GraphQL: authentication", () => {
  const target = useGraphql();

  it("answers a bad token with 401 Bad credentials, and a missing one with GitHub's 401", async () => {
    const { url } = target();
    const bad = await post(url, { query: "{ viewer { login } }" }, "ghp_notAToken");
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ message: "Bad credentials", documentation_url: "https://docs.github.com/graphql", status: "401" });
    const none = await post(url, { query: "{ viewer { login } }" }, null);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ message: "This endpoint requires you to be authenticated.", status: "401" });
    const client = graphql.defaults({ baseUrl: url, headers: { authorization: "token ghp_notAToken" } });
    await expect(client("{ viewer { login } }")).rejects.toMatchObject({ status: 401 });
  });

  it("accepts the token, bearer and basic schemes alike", async () => {
    const { url, pat } = target();
    const token = pat("scheme-reader");
    for (const scheme of ["token", "bearer", "Bearer"]) {
      const client = graphql.defaults({ baseUrl: url, headers: { authorization: `${scheme} ${token}` } });
      expect(await client("{ viewer { login } }")).toEqual({ viewer: { login: "scheme-reader" } });
    }
    const basic = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { authorization: `basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}` },
      body: JSON.stringify({ query: "{ viewer { login } }" }),
    });
    expect(await basic.json()).toEqual({ data: { viewer: { login: "scheme-reader" } } });
  });

  it("lets an installation token read its own org only", async () => {
    const { url, ctx, installationToken } = target();
    const [own, other] = ctx.world.github.orgs;
    const client = graphql.defaults({ baseUrl: url, headers: { authorization: `bearer ${installationToken(0)}` } });
    const query = `query($login: String!) { viewer { login } organization(login: $login) { login repositories(first: 100) { totalCount } } }`;
    expect(await client(query, { login: own!.login })).toEqual({
      viewer: { login: "rampart-posture[bot]" },
      organization: { login: own!.login, repositories: { totalCount: own!.repos.length } },
    });

    const refused = await client(query, { login: other!.login }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphqlResponseError);
    const error = refused as GraphqlResponseError<{ organization: null }>;
    expect(error.data).toEqual({ viewer: { login: "rampart-posture[bot]" }, organization: null });
    expect(error.errors).toEqual([
      { type: "NOT_FOUND", path: ["organization"], locations: [{ line: 1, column: query.indexOf("organization(") + 1 }], message: `Could not resolve to an Organization with the login of '${other!.login}'.` },
    ]);

    const byId = (await client(`query($id: ID!) { node(id: $id) { id } }`, { id: other!.repos[0]!.nodeId }).catch((e: unknown) => e)) as GraphqlResponseError<unknown>;
    expect(byId.errors?.[0]).toMatchObject({ type: "NOT_FOUND", path: ["node"] });
  });

  it("keeps a separate budget per installation and per user", async () => {
    const { url, installationToken, pat } = target();
    const rate = async (token: string) => ((await post(url, { query: "{ viewer { login } rateLimit { used } }" }, token)).json.data as { rateLimit: { used: number } }).rateLimit.used;
    const user = pat("budget-owner");
    expect(await rate(user)).toBe(1);
    expect(await rate(user)).toBe(2);
    expect(await rate(installationToken(1))).toBe(1);
    // A second token of the same user spends the same budget.
    expect(await rate(pat("budget-owner"))).toBe(3);
  });
});
