// Inventory endpoints (orgs, repos, protection, rulesets, teams, members, CODEOWNERS) against
// GitHub's OpenAPI schemas, with the world as the expected truth.
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { client, getChecked, get, links } from "./test-support/clients";
import { restErrors } from "./test-support/openapi";

describe("GitHub inventory REST", () => {
  const emulators = useEmulators(["github"]);
  const world = () => emulators().ctx.world;
  const firstOrg = () => world().github.orgs[0]!;

  it("lists organizations with since-based paging and gets each one", async () => {
    const running = emulators();
    const page = await getChecked(running, "/organizations?per_page=1", "/organizations");
    expect((page.body as { login: string }[]).map((o) => o.login)).toEqual([firstOrg().login]);
    const next = links(page.headers.get("link")).next!;
    expect(next).toContain(`since=${firstOrg().id}`);
    const second = await getChecked(running, next, "/organizations");
    expect((second.body as { login: string }[])[0]!.login).toBe(world().github.orgs[1]!.login);
    const org = await getChecked(running, `/orgs/${firstOrg().login.toUpperCase()}`, "/orgs/{org}");
    expect(org.body).toMatchObject({ login: firstOrg().login, total_private_repos: expect.any(Number), plan: expect.any(Object) });
    await getChecked(running, "/orgs/no-such-org", "/orgs/{org}", 404);
  });

  it("pages an org's repositories with Link headers, the real paginate plugin and sort/direction", async () => {
    const running = emulators();
    const first = await getChecked(running, `/orgs/${firstOrg().login}/repos?per_page=2`, "/orgs/{org}/repos");
    const rels = links(first.headers.get("link"));
    expect(Object.keys(rels)).toEqual(["next", "last"]);
    expect(rels.next).toContain(`/organizations/${firstOrg().id}/repos?per_page=2&page=2`);
    await getChecked(running, rels.next!, "/orgs/{org}/repos");
    const all = await client(running).paginate("GET /orgs/{org}/repos", { org: firstOrg().login, per_page: 2, sort: "full_name" });
    expect(all.map((r) => r.full_name)).toEqual(firstOrg().repos.map((r) => r.fullName).sort());
    const pushed = await client(running).paginate("GET /orgs/{org}/repos", { org: firstOrg().login, sort: "pushed", direction: "asc" });
    const times = pushed.map((r) => Date.parse(r.pushed_at!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const bad = await get(running, `/orgs/${firstOrg().login}/repos?type=bogus`);
    expect(bad.status).toBe(422);
    expect(restErrors("GET", "/orgs/{org}/members", 422, bad.body)).toEqual([]);
  });

  it("gets every repository with security_and_analysis from its settings", async () => {
    const running = emulators();
    for (const repo of firstOrg().repos) {
      const { body } = await getChecked(running, `/repos/${repo.fullName}`, "/repos/{owner}/{repo}");
      const sa = (body as { security_and_analysis: Record<string, { status: string }> }).security_and_analysis;
      expect(sa.secret_scanning_push_protection!.status).toBe(repo.settings.secretScanningPushProtection ? "enabled" : "disabled");
      expect(sa.dependabot_security_updates!.status).toBe(repo.settings.dependabotSecurityUpdates ? "enabled" : "disabled");
      expect(sa.advanced_security!.status).toBe(repo.settings.advancedSecurity ? "enabled" : "disabled");
    }
    await getChecked(running, `/repos/${firstOrg().login}/missing`, "/repos/{owner}/{repo}", 404);
  });

  it("serves branch protection, or GitHub's 404 'Branch not protected'", async () => {
    const running = emulators();
    const repos = world().github.orgs.flatMap((o) => o.repos);
    const protectedRepo = repos.find((r) => r.branchProtection)!;
    const open = repos.find((r) => !r.branchProtection)!;
    const path = "/repos/{owner}/{repo}/branches/{branch}/protection";
    const { body } = await getChecked(running, `/repos/${protectedRepo.fullName}/branches/${protectedRepo.defaultBranch}/protection`, path);
    expect(body).toMatchObject({
      required_pull_request_reviews: { required_approving_review_count: protectedRepo.branchProtection!.requiredApprovingReviewCount },
      required_signatures: { enabled: protectedRepo.branchProtection!.requireSignedCommits },
    });
    const missing = await getChecked(running, `/repos/${open.fullName}/branches/${open.defaultBranch}/protection`, path, 404);
    expect(missing.body).toMatchObject({ message: "Branch not protected" });
  });

  it("serves rulesets, one ruleset and the active rules of a branch", async () => {
    const running = emulators();
    const repos = world().github.orgs.flatMap((o) => o.repos);
    const repo = repos.find((r) => r.rulesets.some((s) => s.enforcement === "active"))!;
    const list = await getChecked(running, `/repos/${repo.fullName}/rulesets`, "/repos/{owner}/{repo}/rulesets");
    expect((list.body as { id: number }[]).map((r) => r.id)).toEqual(repo.rulesets.map((r) => r.id));
    const one = await getChecked(running, `/repos/${repo.fullName}/rulesets/${repo.rulesets[0]!.id}`, "/repos/{owner}/{repo}/rulesets/{ruleset_id}");
    expect((one.body as { rules: unknown[] }).rules).toHaveLength(repo.rulesets[0]!.rules.length);
    const rules = await getChecked(running, `/repos/${repo.fullName}/rules/branches/${repo.defaultBranch}`, "/repos/{owner}/{repo}/rules/branches/{branch}");
    expect((rules.body as { type: string }[]).map((r) => r.type)).toEqual(repo.rulesets[0]!.rules.map((r) => r.type));
    const other = await getChecked(running, `/repos/${repo.fullName}/rules/branches/feature-x`, "/repos/{owner}/{repo}/rules/branches/{branch}");
    expect(other.body).toEqual([]);
  });

  it("answers the Dependabot switches with 204/404 and enabled/paused", async () => {
    const running = emulators();
    for (const repo of firstOrg().repos) {
      const alerts = await get(running, `/repos/${repo.fullName}/vulnerability-alerts`);
      expect(alerts.status).toBe(repo.settings.vulnerabilityAlerts ? 204 : 404);
      const fixes = await get(running, `/repos/${repo.fullName}/automated-security-fixes`);
      if (!repo.settings.vulnerabilityAlerts) expect(fixes.status).toBe(404);
      else {
        expect(restErrors("GET", "/repos/{owner}/{repo}/automated-security-fixes", 200, fixes.body)).toEqual([]);
        expect(fixes.body).toEqual({ enabled: repo.settings.dependabotSecurityUpdates, paused: false });
      }
    }
  });

  it("lists teams, their repositories with permissions, members and org members", async () => {
    const running = emulators();
    const org = firstOrg();
    const teams = await getChecked(running, `/orgs/${org.login}/teams`, "/orgs/{org}/teams");
    expect((teams.body as { slug: string }[]).map((t) => t.slug)).toEqual(org.teams.map((t) => t.slug));
    for (const team of org.teams) {
      const repos = await getChecked(running, `/orgs/${org.login}/teams/${team.slug}/repos?per_page=100`, "/orgs/{org}/teams/{team_slug}/repos");
      const got = (repos.body as { id: number; role_name: string; permissions: { push: boolean } }[]).map((r) => [r.id, r.permissions.push]);
      expect(got).toEqual(team.repos.map((p) => [org.repos[p.repoIndex]!.id, ["push", "maintain", "admin"].includes(p.permission)]));
      const members = await getChecked(running, `/orgs/${org.login}/teams/${team.slug}/members?per_page=100`, "/orgs/{org}/teams/{team_slug}/members");
      expect((members.body as { login: string }[]).map((m) => m.login)).toEqual(team.members.map((m) => world().github.users[org.members[m.memberIndex]!.userIndex]!.login));
    }
    const members = await client(running).paginate("GET /orgs/{org}/members", { org: org.login, per_page: 3 });
    expect(members).toHaveLength(org.members.length);
    const admins = await getChecked(running, `/orgs/${org.login}/members?role=admin`, "/orgs/{org}/members");
    expect(admins.body).toHaveLength(org.members.filter((m) => m.role === "admin").length);
    await getChecked(running, `/orgs/${org.login}/teams/nope/repos`, "/orgs/{org}/teams/{team_slug}/repos", 404);
  });

  it("returns CODEOWNERS base64-encoded where a repository has one", async () => {
    const running = emulators();
    const repos = world().github.orgs.flatMap((o) => o.repos);
    const owned = repos.find((r) => r.hasCodeowners)!;
    const { body } = await getChecked(running, `/repos/${owned.fullName}/contents/.github/CODEOWNERS`, "/repos/{owner}/{repo}/contents/{path}");
    const file = body as { content: string; encoding: string; size: number };
    expect(file.encoding).toBe("base64");
    const text = Buffer.from(file.content, "base64").toString("utf8");
    expect(text).toMatch(/^\* @contoso-/m);
    expect(Buffer.byteLength(text)).toBe(file.size);
    const none = repos.find((r) => !r.hasCodeowners)!;
    await getChecked(running, `/repos/${none.fullName}/contents/.github/CODEOWNERS`, "/repos/{owner}/{repo}/contents/{path}", 404);
  });

  it("answers unknown paths with GitHub's 404 body", async () => {
    const result = await get(emulators(), "/nope/nothing");
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  });
});
