// The token endpoint spoken to directly: Entra's error body (AADSTS code, trace and correlation
// ids, timestamp), each grant's failure modes, client authentication variants, expiry and
// injected throttling.
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { RunningEmulators } from "../start";
import { admin, useEmulators } from "../test-support/start";
import { loadOrCreateAppCertificate } from "./app-certificate";
import { REDIRECT_URI, followAuthorize } from "./testing";

const VERIFIER = "token-endpoint-tests-verifier-0123456789-abcdefghijklmnop";
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

async function freshCode(running: RunningEmulators, hint = "security-lead"): Promise<string> {
  const { endpoints } = running;
  const query = new URLSearchParams({
    client_id: endpoints.entraClient.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile offline_access User.Read",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    login_hint: hint,
  });
  return (await followAuthorize(`${endpoints.entra}/oauth2/v2.0/authorize?${query}`)).searchParams.get("code")!;
}

async function token(running: RunningEmulators, fields: Record<string, string>, init: { headers?: Record<string, string>; tenant?: string } = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const url = `${running.endpoints.entraBase}/${init.tenant ?? running.endpoints.entraClient.tenantId}/oauth2/v2.0/token`;
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...init.headers }, body: new URLSearchParams(fields) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("Entra emulator token endpoint", () => {
  const emulators = useEmulators(["entra"]);
  const web = () => ({ client_id: emulators().endpoints.entraClient.clientId, client_secret: emulators().endpoints.entraClient.clientSecret });
  const redeem = (code: string) => ({ ...web(), grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER, scope: "openid profile offline_access User.Read" });

  it("words failures like Entra: AADSTS code, ids, timestamp, no-store", async () => {
    const running = emulators();
    const { status, headers, body } = await token(running, redeem("not-a-real-code"), { headers: { "client-request-id": "11111111-2222-4333-8444-555555555555" } });
    expect(status).toBe(400);
    expect(headers.get("cache-control")).toContain("no-store");
    expect(body).toEqual({
      error: "invalid_grant",
      error_description: expect.stringMatching(/^AADSTS9002313: .+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: 11111111-2222-4333-8444-555555555555\r\nTimestamp: /),
      error_codes: [9002313],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlation_id: "11111111-2222-4333-8444-555555555555",
      error_uri: `${running.endpoints.entraBase}/error?code=9002313`,
    });
  });

  it("redeems a code once, for its own client and redirect URI, with the right verifier", async () => {
    const running = emulators();
    const ok = await token(running, redeem(await freshCode(running)));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: "Bearer", scope: expect.stringContaining("User.Read"), access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String) });
    expect(ok.body.expires_in).toBeGreaterThanOrEqual(3600);

    const cases: [Record<string, string>, number, number][] = [
      [{ redirect_uri: "http://localhost:3000/elsewhere" }, 400, 50011],
      [{ code_verifier: "x".repeat(43) }, 400, 501481],
      [{ code_verifier: "" }, 400, 501481],
      [{ client_id: running.endpoints.entraWorkload.clientId, client_secret: running.endpoints.entraWorkload.clientSecret }, 400, 70000],
      [{ client_secret: "wrong" }, 401, 7000215],
      [{ client_secret: "" }, 401, 7000218],
    ];
    for (const [change, status, code] of cases) {
      const failed = await token(running, { ...redeem(await freshCode(running)), ...change });
      expect([failed.status, failed.body.error_codes], JSON.stringify(change)).toEqual([status, [code]]);
    }
  });

  it("accepts client_secret_basic and rejects requests without a credential", async () => {
    const running = emulators();
    const { client_id, client_secret } = web();
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(client_id)}:${encodeURIComponent(client_secret)}`).toString("base64")}`;
    const ok = await token(running, { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" }, { headers: { authorization: basic } });
    expect(ok.status).toBe(200);
    expect(ok.body).not.toHaveProperty("refresh_token");
    const none = await token(running, { grant_type: "client_credentials", client_id, scope: "https://graph.microsoft.com/.default" });
    expect([none.status, none.body.error, none.body.error_codes]).toEqual([401, "invalid_client", [7000218]]);
  });

  it("checks client assertions: a registered key, the issuer and the audience", async () => {
    const running = emulators();
    const { client_id } = web();
    const certificate = await loadOrCreateAppCertificate(running.ctx.dataDir);
    const tokenEndpoint = `${running.endpoints.entra}/oauth2/v2.0/token`;
    const assertion = (key: KeyObject | string, claims: { iss?: string; aud?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256", "x5t#S256": Buffer.from(certificate.thumbprintSha256, "hex").toString("base64url") })
        .setIssuer(claims.iss ?? client_id)
        .setSubject(claims.iss ?? client_id)
        .setAudience(claims.aud ?? tokenEndpoint)
        .setIssuedAt()
        .setExpirationTime("10m")
        .sign(typeof key === "string" ? createPrivateKey(key) : key);
    const use = async (jwt: string) =>
      token(running, { grant_type: "client_credentials", client_id, scope: "https://graph.microsoft.com/.default", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: jwt });

    expect((await use(await assertion(certificate.privateKeyPem))).status).toBe(200);
    const cases: [Promise<string>, number][] = [
      [assertion(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey), 700027],
      [assertion(certificate.privateKeyPem, { iss: running.endpoints.entraWorkload.clientId }), 700021],
      [assertion(certificate.privateKeyPem, { aud: "https://login.microsoftonline.com/common/oauth2/v2.0/token" }), 50012],
      [Promise.resolve("not.a.jwt"), 50027],
    ];
    for (const [jwt, code] of cases) {
      const failed = await use(await jwt);
      expect([failed.status, failed.body.error, failed.body.error_codes]).toEqual([401, "invalid_client", [code]]);
    }
  });

  it("rejects client-credentials scopes Entra rejects", async () => {
    const running = emulators();
    const cases: [Record<string, string>, string | undefined, number][] = [
      [{ scope: "https://management.azure.com/user_impersonation" }, undefined, 1002012],
      [{ scope: "https://vault.azure.net/.default" }, undefined, 500011],
      [{ scope: "https://management.azure.com/.default https://graph.microsoft.com/.default" }, undefined, 28000],
      [{ scope: "https://management.azure.com/.default" }, "common", 50059],
      [{ scope: "https://management.azure.com/.default" }, "22222222-2222-4222-8222-222222222222", 90002],
      [{ scope: "https://management.azure.com/.default", grant_type: "password" }, undefined, 70003],
      [{ scope: "https://management.azure.com/.default", grant_type: "" }, undefined, 900144],
    ];
    for (const [change, tenant, code] of cases) {
      const failed = await token(running, { ...web(), grant_type: "client_credentials", ...change }, { tenant });
      expect([failed.status, failed.body.error_codes], JSON.stringify(change)).toEqual([400, [code]]);
    }
    const json = await fetch(`${running.endpoints.entra}/oauth2/v2.0/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...web(), grant_type: "client_credentials" }) });
    expect(((await json.json()) as { error_codes: number[] }).error_codes).toEqual([900144]);
  });

  it("refreshes until the grants expire, then answers AADSTS70008", async () => {
    const running = emulators();
    const first = await token(running, redeem(await freshCode(running)));
    const refreshToken = first.body.refresh_token as string;
    const refreshed = await token(running, { ...web(), grant_type: "refresh_token", refresh_token: refreshToken, scope: "https://management.azure.com/user_impersonation offline_access" });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope).toContain("https://management.azure.com/user_impersonation");
    const otherClient = await token(running, { client_id: running.endpoints.entraWorkload.clientId, client_secret: running.endpoints.entraWorkload.clientSecret, grant_type: "refresh_token", refresh_token: refreshToken });
    expect(otherClient.body.error_codes).toEqual([70000]);

    const code = await freshCode(running);
    await admin(running, "POST", "/entra/grants/expire");
    expect((await token(running, { ...web(), grant_type: "refresh_token", refresh_token: refreshToken })).body.error_codes).toEqual([70008]);
    expect((await token(running, redeem(code))).body.error_codes).toEqual([70008]);
  });

  it("throttles on demand with 429, Retry-After and each service's own body", async () => {
    const running = emulators();
    await admin(running, "PUT", "/faults/entra", { rateLimitRate: 1, retryAfterSeconds: 7 });
    try {
      const throttled = await token(running, { ...web(), grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });
      expect([throttled.status, throttled.headers.get("retry-after"), throttled.body.error, throttled.body.error_codes]).toEqual([429, "7", "temporarily_unavailable", [50196]]);
      const graph = await fetch(`${running.endpoints.entraBase}/graph/v1.0/me`);
      expect(graph.status).toBe(429);
      expect(await graph.json()).toMatchObject({ error: { code: "TooManyRequests" } });
    } finally {
      await admin(running, "DELETE", "/faults");
    }
  });
});
