// Who may read the audit log (PAT as Basic password with any user name, Entra bearer tokens for
// Azure DevOps) and the 401s everyone else gets; then the global consumption limit: headers as
// usage approaches it, delays past it, 429 when blocked, and the injected-fault 429.
import { afterEach, describe, expect, it } from "vitest";
import { signEntraToken } from "../core/entra-tokens";
import { admin, useEmulators } from "../test-support/start";
import { adoBearer, adoGet, basicPat } from "./testing/ado-client";

describe("Azure DevOps authentication and rate limits", () => {
  const emulators = useEmulators(["azureDevOps"]);
  const ctx = () => emulators().ctx;
  const auditPath = () => `/${ctx().world.azureDevOps[0]!.name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=1`;

  afterEach(async () => {
    await admin(emulators(), "DELETE", "/faults");
    await admin(emulators(), "DELETE", "/azureDevOps/settings");
  });

  it("accepts the PAT as the Basic password whatever the user name, and Entra bearer tokens", async () => {
    expect((await adoGet(ctx(), auditPath(), basicPat())).status).toBe(200);
    expect((await adoGet(ctx(), auditPath(), basicPat(undefined, "anything@contoso.com"))).status).toBe(200);
    expect((await adoGet(ctx(), auditPath(), await adoBearer(ctx()))).status).toBe(200);
    ctx().tokens.register({ token: "scopedpat0000000000000000000000000000000000000000", kind: "ado-pat", subject: "ci", expiresAt: null, data: { orgs: [ctx().world.azureDevOps[0]!.name] } });
    expect((await adoGet(ctx(), auditPath(), basicPat("scopedpat0000000000000000000000000000000000000000"))).status).toBe(200);
  });

  it("answers 401 with the service's challenges for missing, bad, foreign and expired credentials", async () => {
    const anonymous = await adoGet<{ message: string; typeKey: string }>(ctx(), auditPath(), null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ typeKey: "UnauthorizedRequestException", message: "TF400813: Resource not available for anonymous access. Client authentication required." });
    const challenge = anonymous.headers.get("www-authenticate") ?? "";
    expect(challenge).toContain("Bearer authorization_uri=");
    expect(challenge).toContain('Basic realm="');
    expect(challenge).toContain("TFS-Federated");
    expect(anonymous.headers.get("x-vss-resourcetenant")).toBe(ctx().world.entra.tenantId);

    const cases = [
      basicPat("not-a-real-pat"),
      `Bearer ${await signEntraToken(ctx(), { aud: "https://management.azure.com", sub: "x" })}`,
      await adoBearer(ctx(), {}, -60),
      "Bearer not.a.jwt",
    ];
    for (const authorization of cases) {
      const response = await adoGet<{ typeKey: string }>(ctx(), auditPath(), authorization);
      expect(response.status, authorization.slice(0, 20)).toBe(401);
      expect(response.body.typeKey).toBe("UnauthorizedRequestException");
    }
    ctx().tokens.register({ token: "otherorgpat00000000000000000000000000000000000000", kind: "ado-pat", subject: "other", expiresAt: null, data: { orgs: ["some-other-org"] } });
    expect((await adoGet(ctx(), auditPath(), basicPat("otherorgpat00000000000000000000000000000000000000"))).status).toBe(401);
  });

  it("adds X-RateLimit-* headers near the limit, delays past it and blocks well past it", async () => {
    await admin(emulators(), "PUT", "/azureDevOps/settings", { tstuLimit: 1, tstuPerRequest: 0.3, blockAt: 2, maxDelayMs: 50 });
    const quiet = await adoGet(ctx(), auditPath());
    expect(quiet.headers.get("x-ratelimit-limit")).toBeNull();
    const near = await adoGet(ctx(), auditPath());
    expect(near.headers.get("x-ratelimit-resource")).toBe("Core/TSTU");
    expect(near.headers.get("x-ratelimit-limit")).toBe("1");
    expect(Number(near.headers.get("x-ratelimit-remaining"))).toBe(0);
    expect(Number(near.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    await adoGet(ctx(), auditPath());
    const delayed = await adoGet(ctx(), auditPath());
    expect(delayed.status).toBe(200);
    expect(Number(delayed.headers.get("x-ratelimit-delay"))).toBeGreaterThan(0);
    expect(delayed.headers.get("retry-after")).not.toBeNull();
    let blocked = delayed;
    for (let i = 0; i < 5 && blocked.status === 200; i++) blocked = await adoGet(ctx(), auditPath());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({ typeKey: "RequestBlockedException" });
    expect((blocked.body as { message: string }).message).toMatch(/^TF400733: The request has been canceled/);
  });

  it("answers an injected rate-limit fault with 429, Retry-After and the X-RateLimit-* headers", async () => {
    await admin(emulators(), "PUT", "/faults/azureDevOps", { rateLimitRate: 1, retryAfterSeconds: 9 });
    const response = await adoGet(ctx(), auditPath());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("9");
    for (const header of ["x-ratelimit-resource", "x-ratelimit-delay", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) {
      expect(response.headers.get(header), header).not.toBeNull();
    }
    expect(response.headers.get("activityid")).not.toBeNull();
  });
});
