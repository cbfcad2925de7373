// The org-level GHAS alert lists and single alerts: GitHub's schemas, every alert reachable by
// paging (page numbers and cursors, with the real paginate plugin), order, filters and errors.
import { describe, expect, it } from "vitest";
import type { AlertKind } from "../world/alerts";
import { useEmulators } from "../test-support/start";
import { client, get, getChecked, links } from "./test-support/clients";
import { restErrors } from "./test-support/openapi";

const KINDS: { kind: AlertKind; path: string }[] = [
  { kind: "code_scanning", path: "code-scanning/alerts" },
  { kind: "secret_scanning", path: "secret-scanning/alerts" },
  { kind: "dependabot", path: "dependabot/alerts" },
];

interface Listed {
  number: number;
  state: string;
  created_at: string;
  updated_at: string | null;
  repository: { full_name: string };
}

describe("GitHub alert REST", () => {
  const emulators = useEmulators(["github"]);
  const world = () => emulators().ctx.world;

  for (const { kind, path } of KINDS) {
    describe(kind, () => {
      const specPath = `/orgs/{org}/${path}`;

      it("pages through every alert of every org with the paginate plugin, each page schema-valid", async () => {
        const running = emulators();
        for (const org of world().github.orgs) {
          const seen: Listed[] = [];
          const octokit = client(running);
          for await (const page of octokit.paginate.iterator(`GET /orgs/{org}/${path}` as "GET /orgs/{org}/code-scanning/alerts", { org: org.login, per_page: 7 })) {
            expect(restErrors("GET", specPath, 200, page.data)).toEqual([]);
            seen.push(...(page.data as unknown as Listed[]));
          }
          const table = world().alerts(org.index, kind);
          expect(seen).toHaveLength(table.size);
          const keys = new Set(seen.map((a) => `${a.repository.full_name}#${a.number}`));
          expect(keys.size).toBe(table.size);
          // Default order: created, newest first.
          const created = seen.map((a) => Date.parse(a.created_at));
          expect(created).toEqual([...created].sort((a, b) => b - a));
        }
      });

      it("sorts by updated, descending, as asked", async () => {
        const org = world().github.orgs[1]!;
        const all = (await client(emulators()).paginate(`GET /orgs/{org}/${path}` as "GET /orgs/{org}/code-scanning/alerts", {
          org: org.login,
          sort: "updated",
          direction: "desc",
          per_page: 100,
        })) as unknown as Listed[];
        const updated = all.map((a) => Date.parse(a.updated_at!));
        expect(updated).toEqual([...updated].sort((a, b) => b - a));
        expect(all).toHaveLength(world().alerts(org.index, kind).size);
      });

      it("walks forwards with after= and back with before= (cursor Link headers)", async () => {
        const running = emulators();
        const org = world().github.orgs[0]!;
        const first = await getChecked(running, `/orgs/${org.login}/${path}?per_page=5&after=`, specPath);
        const next = links(first.headers.get("link")).next!;
        expect(next).toContain(`/organizations/${org.id}/${path}?per_page=5&after=`);
        const second = await getChecked(running, next, specPath);
        const prev = links(second.headers.get("link")).prev!;
        expect(prev).toContain("before=");
        const back = await getChecked(running, prev, specPath);
        expect(back.body).toEqual(first.body);
        const secondNumbers = (second.body as Listed[]).map((a) => `${a.repository.full_name}#${a.number}`);
        expect(secondNumbers.some((n) => (first.body as Listed[]).some((a) => `${a.repository.full_name}#${a.number}` === n))).toBe(false);
        const bad = await get(running, `/orgs/${org.login}/${path}?after=not-a-cursor`);
        expect(bad.status).toBe(422);
      });

      it("rejects unknown sort and direction values with GitHub's validation error", async () => {
        const running = emulators();
        const org = world().github.orgs[0]!;
        for (const query of ["sort=severity", "direction=sideways", "state=bogus"]) {
          const result = await get(running, `/orgs/${org.login}/${path}?${query}`);
          expect(result.status, query).toBe(422);
          expect(result.body).toMatchObject({ message: "Validation Failed", errors: [expect.any(String)], status: "422" });
        }
      });

      it("refuses unauthenticated callers and unknown tokens", async () => {
        const running = emulators();
        const org = world().github.orgs[0]!;
        expect((await get(running, `/orgs/${org.login}/${path}`, null)).status).toBe(401);
        expect((await get(running, `/orgs/${org.login}/${path}`, "ghp_unknown")).body).toMatchObject({ message: "Bad credentials" });
      });
    });
  }

  it("code scanning: page numbers with prev/next/last/first, state and severity filters", async () => {
    const running = emulators();
    const org = world().github.orgs[0]!;
    const table = world().alerts(org.index, "code_scanning");
    const pages = Math.ceil(table.size / 10);
    const middle = await getChecked(running, `/orgs/${org.login}/code-scanning/alerts?per_page=10&page=2`, "/orgs/{org}/code-scanning/alerts");
    expect(Object.keys(links(middle.headers.get("link")))).toEqual(["prev", "next", "last", "first"]);
    expect(links(middle.headers.get("link")).last).toContain(`page=${pages}`);
    const open = await client(running).paginate("GET /orgs/{org}/code-scanning/alerts", { org: org.login, state: "open", per_page: 100 });
    const expectedOpen = Array.from({ length: table.size }, (_, r) => table.get(r)).filter((a) => a.state === "open").length;
    expect(open).toHaveLength(expectedOpen);
    expect(open.every((a) => a.state === "open")).toBe(true);
    const closed = await client(running).paginate("GET /orgs/{org}/code-scanning/alerts", { org: org.login, state: "closed", per_page: 100 });
    expect(open.length + closed.length).toBe(table.size);
    const high = await client(running).paginate("GET /orgs/{org}/code-scanning/alerts", { org: org.login, severity: "high", per_page: 100 });
    expect(high.every((a) => a.rule.security_severity_level === "high")).toBe(true);
  });

  it("Dependabot: cursor paging only (page → GitHub's 400), comma-separated filters", async () => {
    const running = emulators();
    const org = world().github.orgs[0]!;
    const refused = await get(running, `/orgs/${org.login}/dependabot/alerts?page=2`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: "Pagination using the `page` parameter is not supported." });
    const first = await getChecked(running, `/orgs/${org.login}/dependabot/alerts?per_page=3`, "/orgs/{org}/dependabot/alerts");
    expect(Object.keys(links(first.headers.get("link")))).toEqual(["next"]);
    const some = await client(running).paginate("GET /orgs/{org}/dependabot/alerts", { org: org.login, state: "fixed,dismissed", severity: "critical,high" });
    expect(some.every((a) => ["fixed", "dismissed"].includes(a.state) && ["critical", "high"].includes(a.security_advisory.severity))).toBe(true);
    const invalid = await get(running, `/orgs/${org.login}/dependabot/alerts?ecosystem=npm,cobol`);
    expect(invalid.status).toBe(422);
    expect(restErrors("GET", "/orgs/{org}/dependabot/alerts", 422, invalid.body)).toEqual([]);
    const byEpss = await client(running).paginate("GET /orgs/{org}/dependabot/alerts", { org: org.login, sort: "epss_percentage", direction: "asc" });
    const epss = byEpss.map((a) => a.security_advisory.epss!.percentage!);
    expect(epss).toEqual([...epss].sort((a, b) => a - b));
  });

  it("secret scanning: resolutions, hide_secret and filters", async () => {
    const running = emulators();
    const org = world().github.orgs[0]!;
    const resolved = await client(running).paginate("GET /orgs/{org}/secret-scanning/alerts", { org: org.login, state: "resolved", hide_secret: true });
    expect(resolved.every((a) => a.state === "resolved" && a.resolution !== null && a.resolved_at !== null && a.secret === undefined)).toBe(true);
    const open = await client(running).paginate("GET /orgs/{org}/secret-scanning/alerts", { org: org.login, state: "open" });
    expect(open.length + resolved.length).toBe(world().alerts(org.index, "secret_scanning").size);
    expect(open.every((a) => typeof a.secret === "string" && a.resolution === null)).toBe(true);
  });

  it("gets single alerts and secret locations, schema-valid, 404 for unknown numbers", async () => {
    const running = emulators();
    const org = world().github.orgs[0]!;
    for (const { kind, path } of KINDS) {
      const table = world().alerts(org.index, kind);
      for (const row of [0, Math.floor(table.size / 2), table.size - 1]) {
        const alert = table.get(row);
        const repo = org.repos[alert.repoIndex]!;
        const { body } = await getChecked(running, `/repos/${repo.fullName}/${path}/${alert.number}`, `/repos/{owner}/{repo}/${path}/{alert_number}`);
        expect(body).toMatchObject({ number: alert.number });
        if (kind === "secret_scanning") {
          const locations = await getChecked(running, `/repos/${repo.fullName}/${path}/${alert.number}/locations`, "/repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations");
          expect((locations.body as unknown[]).length).toBeGreaterThan(0);
        }
      }
      const repo = org.repos[0]!;
      const missing = await get(running, `/repos/${repo.fullName}/${path}/999999`);
      expect(missing.status).toBe(404);
      expect(restErrors("GET", "/repos/{owner}/{repo}/code-scanning/alerts/{alert_number}", 404, missing.body)).toEqual([]);
    }
  });
});
