// A sample of the demo-scale world (3 orgs, ~8k alerts): one org paged in full at per_page=100,
// the others sampled at their first, middle and last pages — all against GitHub's schemas.
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { client, getChecked, links } from "./test-support/clients";
import { restErrors } from "./test-support/openapi";

const PATHS = { code_scanning: "code-scanning/alerts", secret_scanning: "secret-scanning/alerts", dependabot: "dependabot/alerts" } as const;

describe("GitHub emulator at demo scale", () => {
  const emulators = useEmulators(["github"], { scale: "demo" });

  it("pages every alert of the first org, schema-valid, matching the world", async () => {
    const running = emulators();
    const org = running.ctx.world.github.orgs[0]!;
    for (const [kind, path] of Object.entries(PATHS) as [keyof typeof PATHS, string][]) {
      let count = 0;
      const octokit = client(running);
      for await (const page of octokit.paginate.iterator(`GET /orgs/{org}/${path}` as "GET /orgs/{org}/code-scanning/alerts", { org: org.login, per_page: 100 })) {
        expect(restErrors("GET", `/orgs/{org}/${path}`, 200, page.data)).toEqual([]);
        count += page.data.length;
      }
      expect(count, kind).toBe(running.ctx.world.alerts(org.index, kind).size);
    }
  });

  it("serves sampled pages of the other orgs and their repositories", async () => {
    const running = emulators();
    for (const org of running.ctx.world.github.orgs.slice(1)) {
      for (const path of ["code-scanning/alerts", "secret-scanning/alerts"]) {
        const first = await getChecked(running, `/orgs/${org.login}/${path}?per_page=100&sort=updated`, `/orgs/{org}/${path}`);
        const rels = links(first.headers.get("link"));
        const last = Number(new URL(rels.last!).searchParams.get("page"));
        await getChecked(running, rels.last!, `/orgs/{org}/${path}`);
        await getChecked(running, `/orgs/${org.login}/${path}?per_page=100&sort=updated&page=${Math.ceil(last / 2)}`, `/orgs/{org}/${path}`);
      }
      await getChecked(running, `/orgs/${org.login}/dependabot/alerts?per_page=100&state=open`, "/orgs/{org}/dependabot/alerts");
      const repos = await client(running).paginate("GET /orgs/{org}/repos", { org: org.login, per_page: 100 });
      expect(repos).toHaveLength(org.repos.length);
      await getChecked(running, `/repos/${org.repos[7]!.fullName}`, "/repos/{owner}/{repo}");
      await getChecked(running, `/orgs/${org.login}/teams?per_page=100`, "/orgs/{org}/teams");
    }
  });
});
