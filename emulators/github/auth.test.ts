// GitHub App authentication end to end with @octokit/auth-app: app JWT → installation token
// (ghs_…, 1 hour) that reads its own org only; GitHub's 401 wording for bad credentials and
// bad JWTs; the app endpoints against GitHub's schemas.
import { createPrivateKey, createSign } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { request } from "@octokit/request";
import { describe, expect, it } from "vitest";
import { GITHUB_APP_ID, githubInstallationId } from "../core/credentials";
import { admin, useEmulators } from "../test-support/start";
import type { RunningEmulators } from "../start";
import { get, getChecked } from "./test-support/clients";
import { restErrors } from "./test-support/openapi";

function appJwt(running: RunningEmulators, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(createPrivateKey(running.ctx.keys.githubApp.privateKeyPem)).toString("base64url");
  return `${unsigned}.${signature}`;
}

function appAuth(running: RunningEmulators, installationId: number) {
  return createAppAuth({
    appId: GITHUB_APP_ID,
    privateKey: running.ctx.keys.githubApp.privateKeyPem,
    installationId,
    request: request.defaults({ baseUrl: running.endpoints.github }),
  });
}

describe("GitHub App and token authentication", () => {
  const emulators = useEmulators(["github"]);

  it("exchanges an app JWT for an installation token with @octokit/auth-app; the token reads its org only", async () => {
    const running = emulators();
    const [own, other] = running.ctx.world.github.orgs;
    const auth = appAuth(running, githubInstallationId(own!.index));
    const installation = await auth({ type: "installation" });
    expect(installation.token).toMatch(/^ghs_/);
    const lifetime = Date.parse(installation.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    expect(installation.repositorySelection).toBe("all");

    await getChecked(running, `/orgs/${own!.login}/code-scanning/alerts`, "/orgs/{org}/code-scanning/alerts", 200, installation.token);
    await getChecked(running, `/orgs/${own!.login}/teams`, "/orgs/{org}/teams", 200, installation.token);
    const refused = await get(running, `/orgs/${other!.login}/code-scanning/alerts`, installation.token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ message: "Resource not accessible by integration" });
    const privateRepo = other!.repos.find((r) => r.visibility !== "public")!;
    expect((await get(running, `/repos/${privateRepo.fullName}`, installation.token)).status).toBe(404);
    const publicRepo = running.ctx.world.github.orgs.flatMap((o) => o.repos).find((r) => r.visibility === "public" && r.orgLogin === other!.login);
    if (publicRepo) expect((await get(running, `/repos/${publicRepo.fullName}`, installation.token)).status).toBe(200);

    // The token is registered for the whole emulator set; expiring tokens makes it a 401.
    await admin(running, "POST", "/tokens/expire", { kind: "github-installation" });
    const expired = await get(running, `/orgs/${own!.login}/teams`, installation.token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
  });

  it("serves the app and its installations to an app JWT, schema-valid", async () => {
    const running = emulators();
    const now = Math.floor(Date.now() / 1000);
    const jwt = appJwt(running, { iat: now - 30, exp: now + 540, iss: GITHUB_APP_ID });
    const app = await getChecked(running, "/app", "/app", 200, jwt);
    expect(app.body).toMatchObject({ id: GITHUB_APP_ID, slug: "rampart-posture" });
    const installations = await getChecked(running, "/app/installations", "/app/installations", 200, jwt);
    expect(installations.body).toHaveLength(running.ctx.world.github.orgs.length);
    const org = running.ctx.world.github.orgs[1]!;
    const one = await getChecked(running, `/orgs/${org.login}/installation`, "/orgs/{org}/installation", 200, jwt);
    expect(one.body).toMatchObject({ id: githubInstallationId(1), account: { login: org.login }, repository_selection: "all" });

    const response = await fetch(`${running.endpoints.github}/app/installations/${githubInstallationId(0)}/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${jwt}` } });
    expect(response.status).toBe(201);
    expect(restErrors("POST", "/app/installations/{installation_id}/access_tokens", 201, await response.json())).toEqual([]);
    const unknown = await fetch(`${running.endpoints.github}/app/installations/1/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${jwt}` } });
    expect(unknown.status).toBe(404);
    const tooMuch = await fetch(`${running.endpoints.github}/app/installations/${githubInstallationId(0)}/access_tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
      body: JSON.stringify({ permissions: { contents: "write" } }),
    });
    expect(tooMuch.status).toBe(422);
  });

  it("rejects bad JWTs in GitHub's words", async () => {
    const running = emulators();
    const now = Math.floor(Date.now() / 1000);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ iat: now - 700, exp: now - 60, iss: GITHUB_APP_ID }, /'Expiration time' claim \('exp'\) must be a numeric value/],
      [{ iat: now, exp: now + 3600, iss: GITHUB_APP_ID }, /'Expiration time' claim \('exp'\) is too far in the future/],
      [{ iat: now + 600, exp: now + 700, iss: GITHUB_APP_ID }, /'Issued at' claim \('iat'\)/],
    ];
    for (const [claims, message] of cases) {
      const result = await get(running, "/app", appJwt(running, claims));
      expect(result.status).toBe(401);
      expect((result.body as { message: string }).message).toMatch(message);
    }
    const tampered = `${appJwt(running, { iat: now, exp: now + 60, iss: GITHUB_APP_ID }).slice(0, -4)}AAAA`;
    expect((await get(running, "/app", tampered)).body).toMatchObject({ message: "A JSON web token could not be decoded" });
    expect((await get(running, "/app", running.endpoints.githubToken)).status).toBe(401);
  });

  it("accepts `token` and `Bearer` schemes and answers bad credentials exactly as GitHub", async () => {
    const running = emulators();
    const org = running.ctx.world.github.orgs[0]!.login;
    for (const scheme of ["token", "Bearer"]) {
      const response = await fetch(`${running.endpoints.github}/orgs/${org}/teams`, { headers: { authorization: `${scheme} ${running.endpoints.githubToken}` } });
      expect(response.status).toBe(200);
    }
    const bad = await fetch(`${running.endpoints.github}/orgs/${org}/teams`, { headers: { authorization: "token ghp_notAToken" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    const anonymous = await get(running, `/orgs/${org}/teams`, null);
    expect(anonymous.body).toMatchObject({ message: "Requires authentication", status: "401" });
  });
});
