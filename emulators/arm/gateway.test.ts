// ARM's gateway behaviour around every call: bearer auth and its 401s, api-version checks,
// not-found answers, tracing headers, the per-subscription read budget and injected 429s.
import { SignJWT, generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { signEntraToken } from "../core/entra-tokens";
import { admin, useEmulators } from "../test-support/start";
import { armGet, armToken } from "./testing/arm-client";

describe("ARM gateway behaviour", () => {
  const emulators = useEmulators(["arm"]);
  const ctx = () => emulators().ctx;
  const alerts = () => `/subscriptions/${ctx().world.azure.subscriptions[0]!.subscriptionId}/providers/Microsoft.Security/alerts?api-version=2022-01-01`;

  afterEach(async () => {
    await admin(emulators(), "DELETE", "/faults");
    await admin(emulators(), "DELETE", "/arm/settings");
  });

  it("answers 401 AuthenticationFailed with a challenge when the Authorization header is missing or malformed", async () => {
    const missing = await armGet(ctx(), alerts(), null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing." } });
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri="[^"]+", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header\."$/);
    const malformed = await fetch(`${ctx().urls.arm}${alerts()}`, { headers: { authorization: "Basic Zm9vOmJhcg==" } });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("AuthenticationFailed");
  });

  it("rejects expired, forged and wrong-audience tokens with ARM's codes", async () => {
    const expired = await armGet(ctx(), alerts(), await armToken(ctx(), {}, -120));
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: "ExpiredAuthenticationToken" } });
    expect((expired.body as { error: { message: string } }).error.message).toMatch(/^The access token expiry UTC time '\d+\/\d+\/\d{4} \d+:\d\d:\d\d [AP]M' is earlier than current UTC time '.+'\.$/);
    expect(expired.headers.get("www-authenticate")).toContain('error_description="The access token has expired."');

    const { privateKey } = await generateKeyPair("RS256");
    const forgedToken = await new SignJWT({ aud: "https://management.azure.com", tid: ctx().world.entra.tenantId })
      .setProtectedHeader({ alg: "RS256", kid: ctx().keys.entra.kid })
      .setIssuer(`${ctx().urls.entra}/${ctx().world.entra.tenantId}/v2.0`)
      .setExpirationTime("1h")
      .sign(privateKey);
    const forged = await armGet(ctx(), alerts(), forgedToken);
    expect(forged.body).toEqual({ error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } });

    const graph = await armGet(ctx(), alerts(), await signEntraToken(ctx(), { aud: "https://graph.microsoft.com", sub: "someone" }));
    expect(graph.status).toBe(401);
    expect(graph.body).toMatchObject({ error: { code: "InvalidAuthenticationTokenAudience" } });
  });

  it("requires api-version and checks it per resource type", async () => {
    const base = alerts().split("?")[0]!;
    expect((await armGet(ctx(), base)).body).toEqual({ error: { code: "MissingApiVersionParameter", message: "The api-version query parameter (?api-version=) is required for all requests." } });
    const unknown = await armGet(ctx(), `${base}?api-version=2019-01-01`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: "NoRegisteredProviderFound" } });
    expect((unknown.body as { error: { message: string } }).error.message).toContain("The supported api-versions are '2021-11-01, 2022-01-01'");
    const malformed = await armGet(ctx(), `${base}?api-version=latest`);
    expect(malformed.body).toMatchObject({ error: { code: "InvalidApiVersionParameter" } });
    // The version one group accepts is not valid for another.
    const assessmentsWithAlertsVersion = await armGet(ctx(), `/subscriptions/${ctx().world.azure.subscriptions[0]!.subscriptionId}/providers/Microsoft.Security/assessments?api-version=2022-01-01`);
    expect(assessmentsWithAlertsVersion.status).toBe(400);
    expect((await armGet(ctx(), "/subscriptions?api-version=2099-01-01")).body).toMatchObject({ error: { code: "InvalidApiVersionParameter" } });
  });

  it("answers 404s the way ARM words them", async () => {
    const missingSubscription = await armGet(ctx(), "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Security/alerts?api-version=2022-01-01");
    expect(missingSubscription.status).toBe(404);
    expect(missingSubscription.body).toMatchObject({ error: { code: "SubscriptionNotFound" } });
    const sub = ctx().world.azure.subscriptions[0]!;
    const noGroup = await armGet(ctx(), `/subscriptions/${sub.subscriptionId}/resourceGroups/rg-nope/providers/Microsoft.Security/alerts?api-version=2022-01-01`);
    expect(noGroup.body).toMatchObject({ error: { code: "ResourceGroupNotFound" } });
    const resource = sub.resources[0]!;
    const noResource = await armGet(ctx(), `${resource.id}x/providers/Microsoft.Security/assessments?api-version=2021-06-01`);
    expect(noResource.body).toMatchObject({ error: { code: "ResourceNotFound" } });
    const noType = await armGet(ctx(), `/subscriptions/${sub.subscriptionId}/providers/Microsoft.Security/nothingHere?api-version=2021-06-01`);
    expect(noType.body).toMatchObject({ error: { code: "InvalidResourceType" } });
  });

  it("stamps request ids, echoes the correlation id and counts down the subscription's reads", async () => {
    const first = await fetch(`${ctx().urls.arm}${alerts()}`, { headers: { authorization: `Bearer ${await armToken(ctx())}`, "x-ms-correlation-request-id": "c0ffee00-0000-4000-8000-000000000001" } });
    expect(first.headers.get("x-ms-correlation-request-id")).toBe("c0ffee00-0000-4000-8000-000000000001");
    expect(first.headers.get("x-ms-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get("x-ms-routing-request-id")).toMatch(/^WESTEUROPE:\d{8}T\d{6}Z:[0-9a-f-]{36}$/);
    const before = Number(first.headers.get("x-ms-ratelimit-remaining-subscription-reads"));
    const second = await armGet(ctx(), alerts());
    expect(Number(second.headers.get("x-ms-ratelimit-remaining-subscription-reads"))).toBe(before - 1);
    const tenant = await armGet(ctx(), "/providers/Microsoft.Security/assessmentMetadata?api-version=2021-06-01");
    expect(tenant.headers.get("x-ms-ratelimit-remaining-tenant-reads")).not.toBeNull();
  });

  it("throttles a subscription past its hourly read budget with SubscriptionRequestsThrottled", async () => {
    await admin(emulators(), "DELETE", "/arm/settings");
    await admin(emulators(), "PUT", "/arm/settings", { readsPerHour: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await armGet(ctx(), alerts())).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const throttled = await armGet(ctx(), alerts());
    expect(throttled.body).toMatchObject({ error: { code: "SubscriptionRequestsThrottled" } });
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(throttled.headers.get("x-ms-ratelimit-remaining-subscription-reads")).toBe("0");
  });

  it("moves an alert between states with POST, counted against the write budget", async () => {
    const sub = ctx().world.azure.subscriptions[0]!;
    const alert = sub.alerts[0]!;
    const path = `/subscriptions/${sub.subscriptionId}/providers/Microsoft.Security/locations/${alert.location}/alerts/${alert.name}`;
    const post = async (action: string) =>
      fetch(`${ctx().urls.arm}${path}/${action}?api-version=2022-01-01`, { method: "POST", headers: { authorization: `Bearer ${await armToken(ctx())}` } });
    const before = alert.status;
    const dismissed = await post("dismiss");
    expect(dismissed.status).toBe(204);
    expect(dismissed.headers.get("x-ms-ratelimit-remaining-subscription-writes")).toBe("1199");
    expect(((await armGet<{ properties: { status: string } }>(ctx(), `${path}?api-version=2022-01-01`)).body).properties.status).toBe("Dismissed");
    expect((await post("activate")).status).toBe(204);
    expect(alert.status).toBe("Active");
    alert.status = before;
  });

  it("answers an injected rate-limit fault with 429 TooManyRequests and Retry-After", async () => {
    await admin(emulators(), "PUT", "/faults/arm", { rateLimitRate: 1, retryAfterSeconds: 7 });
    const response = await armGet(ctx(), alerts());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("x-ms-request-id")).not.toBeNull();
    expect(response.body).toMatchObject({ error: { code: "TooManyRequests" } });
  });
});
