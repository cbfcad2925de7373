// Primary and secondary rate limits as GitHub applies and words them, seen through the real
// @octokit/plugin-throttling: budgets in x-ratelimit-* headers, exhaustion, injected limits.
import { describe, expect, it } from "vitest";
import { admin, useEmulators } from "../test-support/start";
import { client, get, getChecked, type ThrottleLog } from "./test-support/clients";

describe("GitHub rate limits", () => {
  const emulators = useEmulators(["github"]);
  const org = () => emulators().ctx.world.github.orgs[0]!.login;

  it("reports the core budget on every response and spends one per request", async () => {
    const running = emulators();
    await admin(running, "DELETE", "/github/rate-limit");
    const a = await get(running, `/orgs/${org()}/teams`);
    const b = await get(running, `/orgs/${org()}/repos`);
    for (const r of [a, b]) {
      expect(r.headers.get("x-ratelimit-limit")).toBe("5000");
      expect(r.headers.get("x-ratelimit-resource")).toBe("core");
      expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      expect(r.headers.get("x-github-request-id")).toMatch(/^[0-9A-F]+:[0-9A-F]+:[0-9A-F]+:[0-9A-F]+:[0-9A-F]{8}$/);
      expect(r.headers.get("x-github-media-type")).toBe("github.v3; format=json");
    }
    expect(Number(b.headers.get("x-ratelimit-remaining"))).toBe(Number(a.headers.get("x-ratelimit-remaining")) - 1);
    expect(Number(b.headers.get("x-ratelimit-used"))).toBe(Number(a.headers.get("x-ratelimit-used")) + 1);
    expect(a.headers.get("x-github-request-id")).not.toBe(b.headers.get("x-github-request-id"));
  });

  it("GET /rate_limit is free and schema-valid", async () => {
    const running = emulators();
    await admin(running, "DELETE", "/github/rate-limit");
    await get(running, `/orgs/${org()}/teams`);
    const first = await getChecked(running, "/rate_limit", "/rate_limit");
    const second = await getChecked(running, "/rate_limit", "/rate_limit");
    expect(first.body).toEqual(second.body);
    expect(first.body).toMatchObject({ resources: { core: { limit: 5000, used: 1, remaining: 4999 }, graphql: { limit: 5000 } }, rate: { used: 1 } });
  });

  it("answers an exhausted budget with 403, remaining 0 and GitHub's message; the throttling plugin sees onRateLimit", async () => {
    const running = emulators();
    await admin(running, "DELETE", "/github/rate-limit");
    await admin(running, "PUT", "/github/rate-limit", { core: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await get(running, `/orgs/${org()}/teams`)).status).toBe(200);
      const limited = await get(running, `/orgs/${org()}/teams`);
      expect(limited.status).toBe(403);
      expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      const message = (limited.body as { message: string }).message;
      expect(message).toMatch(/^API rate limit exceeded for user ID \d+\. If you reach out to GitHub Support for help, please include the request ID [0-9A-F:]+ and timestamp \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/);
      expect(message).toContain(limited.headers.get("x-github-request-id")!);

      const log: ThrottleLog = { primary: [], secondary: [] };
      await expect(client(running, undefined, log, 0).request("GET /orgs/{org}/teams", { org: org() })).rejects.toMatchObject({ status: 403 });
      expect(log.primary).toHaveLength(1);
      expect(log.primary[0]).toBeGreaterThan(3000);
    } finally {
      await admin(running, "DELETE", "/github/rate-limit");
    }
  });

  it("injected primary and secondary limits reach the plugin's handlers with GitHub's wording", async () => {
    const running = emulators();
    try {
      await admin(running, "PUT", "/faults/github", { rateLimitRate: 1, retryAfterSeconds: 2 });
      const primary: ThrottleLog = { primary: [], secondary: [] };
      const error = await client(running, undefined, primary, 0)
        .request("GET /orgs/{org}/code-scanning/alerts", { org: org() })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
      expect(primary.primary).toHaveLength(1);

      await admin(running, "PUT", "/faults/github", { rateLimitRate: 0, secondaryRateLimitRate: 1 });
      const secondary: ThrottleLog = { primary: [], secondary: [] };
      const raw = await get(running, `/orgs/${org()}/teams`);
      expect(raw.status).toBe(403);
      expect(raw.headers.get("retry-after")).toBe("2");
      expect((raw.body as { message: string }).message).toBe(
        `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${raw.headers.get("x-github-request-id")}.`,
      );
      await expect(client(running, undefined, secondary, 0).request("GET /orgs/{org}/teams", { org: org() })).rejects.toMatchObject({ status: 403 });
      expect(secondary.secondary).toEqual([2]);
      expect(secondary.primary).toEqual([]);

      // GraphQL's primary limit is an HTTP 200 with a RATE_LIMITED error, as on GitHub.
      await admin(running, "PUT", "/faults/github", { secondaryRateLimitRate: 0, rateLimitRate: 1 });
      const graphql = await fetch(`${running.endpoints.github}/graphql`, {
        method: "POST",
        headers: { authorization: `bearer ${running.endpoints.githubToken}`, "content-type": "application/json" },
        body: JSON.stringify({ query: "{ viewer { login } }" }),
      });
      expect(graphql.status).toBe(200);
      expect(graphql.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(await graphql.json()).toMatchObject({ errors: [{ type: "RATE_LIMITED" }] });
    } finally {
      await admin(running, "DELETE", "/faults");
    }
  });

  it("lets the throttling plugin retry once a secondary limit clears", async () => {
    const running = emulators();
    try {
      await admin(running, "PUT", "/faults/github", { secondaryRateLimitRate: 1, retryAfterSeconds: 1 });
      const log: ThrottleLog = { primary: [], secondary: [] };
      const octokit = client(running, undefined, log, 1);
      const pending = octokit.request("GET /orgs/{org}/teams", { org: org() });
      // Lift the limit while the plugin waits out retry-after.
      await new Promise((r) => setTimeout(r, 300));
      await admin(running, "DELETE", "/faults");
      const response = await pending;
      expect(response.status).toBe(200);
      expect(log.secondary).toEqual([1]);
    } finally {
      await admin(running, "DELETE", "/faults");
    }
  });
});
