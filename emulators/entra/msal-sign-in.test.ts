// The sign-in Rampart will do, with the real @azure/msal-node against the emulator: auth code
// with PKCE in automatic mode (login_hint), claims per persona, groups overage, refresh, and
// the failures MSAL must surface with Entra's AADSTS codes.
import { ConfidentialClientApplication, ServerError } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { AUDIENCES, verifyEntraToken } from "../core/entra-tokens";
import { GROUPS_OVERAGE_LIMIT, groupsOf } from "../world/entra";
import { useEmulators } from "../test-support/start";
import { loadOrCreateAppCertificate } from "./app-certificate";
import { REDIRECT_URI, claimsOf, followAuthorize, msalClient, signIn, startSignIn } from "./testing";

describe("MSAL Node sign-in against the Entra emulator", () => {
  const emulators = useEmulators(["entra"]);

  it("signs every persona in with auth code + PKCE and puts its identity, roles and groups in the id token", async () => {
    const { endpoints, ctx } = emulators();
    const entra = ctx.world.entra;
    for (const persona of entra.personas) {
      const user = entra.users[persona.userIndex]!;
      const result = await signIn(msalClient(endpoints), persona.id);
      const claims = result.idTokenClaims as Record<string, unknown>;
      expect(claims).toMatchObject({ aud: entra.app.clientId, iss: `${endpoints.entraBase}/${entra.tenantId}/v2.0`, tid: entra.tenantId, oid: user.objectId, preferred_username: user.upn, name: user.displayName, nonce: result.started.nonce, ver: "2.0" });
      expect(claims.roles).toEqual(persona.roles.length > 0 ? persona.roles : undefined);
      const groups = groupsOf(entra, persona.userIndex);
      if (groups.length > GROUPS_OVERAGE_LIMIT) {
        expect(claims.groups).toBeUndefined();
        expect(claims._claim_names).toEqual({ groups: "src1" });
      } else {
        expect([...(claims.groups as string[])].sort()).toEqual([...groups].sort());
        expect(claims._claim_names).toBeUndefined();
      }
      expect(result.account?.username).toBe(user.upn);
      expect(result.account?.homeAccountId).toBe(`${user.objectId}.${entra.tenantId}`);
      expect(result.tenantId).toBe(entra.tenantId);
      // The id token verifies with the published key and the tenant's issuer.
      await expect(verifyEntraToken(ctx, result.idToken, [entra.app.clientId])).resolves.toMatchObject({ oid: user.objectId });
    }
  });

  it("signs a user in by UPN, and gives a Graph access token for the requested scopes", async () => {
    const { endpoints, ctx } = emulators();
    const user = ctx.world.entra.users[5]!;
    const result = await signIn(msalClient(endpoints), user.upn);
    expect(result.idTokenClaims).toMatchObject({ oid: user.objectId, preferred_username: user.upn });
    expect(result.idTokenClaims).not.toHaveProperty("roles");
    const access = await verifyEntraToken(ctx, result.accessToken, AUDIENCES.graph);
    expect(access).toMatchObject({ oid: user.objectId, azp: ctx.world.entra.app.clientId, appid: ctx.world.entra.app.clientId, idtyp: "user", scp: "User.Read" });
    expect(result.scopes).toEqual(expect.arrayContaining(["User.Read"]));
  });

  it("gives the overage persona _claim_names/_claim_sources, and Graph returns all its groups", async () => {
    const { endpoints, ctx } = emulators();
    const entra = ctx.world.entra;
    const persona = entra.personas.find((p) => p.id === "developer-many-groups")!;
    const user = entra.users[persona.userIndex]!;
    const expected = groupsOf(entra, persona.userIndex);
    expect(expected.length).toBeGreaterThan(GROUPS_OVERAGE_LIMIT);

    const result = await signIn(msalClient(endpoints), persona.id);
    const claims = result.idTokenClaims as Record<string, unknown>;
    expect(claims.groups).toBeUndefined();
    const endpoint = `${endpoints.entraBase}/graph/v1.0/users/${user.objectId}/getMemberObjects`;
    expect(claims._claim_sources).toEqual({ src1: { endpoint } });

    // Delegated: the sign-in's own Graph token, on /me.
    const me = await fetch(`${endpoints.entraBase}/graph/v1.0/me/getMemberObjects`, {
      method: "POST",
      headers: { authorization: `Bearer ${result.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ securityEnabledOnly: true }),
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { value: string[] }).value.sort()).toEqual([...expected].sort());

    // App-only: the web app's client-credentials Graph token, on the endpoint the claim names.
    const app = await msalClient(endpoints).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    const byId = await fetch(endpoint, {
      method: "POST",
      headers: { authorization: `Bearer ${app!.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ securityEnabledOnly: false }),
    });
    expect(((await byId.json()) as { value: string[] }).value.sort()).toEqual([...expected].sort());

    // memberOf pages through the same set 100 at a time.
    const seen: string[] = [];
    let next: string | undefined = `${endpoints.entraBase}/graph/v1.0/users/${user.objectId}/memberOf`;
    let pages = 0;
    while (next) {
      const page = (await (await fetch(next, { headers: { authorization: `Bearer ${app!.accessToken}` } })).json()) as { value: { id: string }[]; "@odata.nextLink"?: string };
      expect(page.value.length).toBeLessThanOrEqual(100);
      seen.push(...page.value.map((g) => g.id));
      next = page["@odata.nextLink"];
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(seen.sort()).toEqual([...expected].sort());
  });

  it("refreshes: the refresh token gives new tokens for the same user", async () => {
    const { endpoints, ctx } = emulators();
    const client = msalClient(endpoints);
    const first = await signIn(client, "auditor");
    const refreshed = await client.acquireTokenSilent({ account: first.account!, scopes: ["User.Read"], forceRefresh: true });
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.idTokenClaims).toMatchObject({ oid: (first.idTokenClaims as { oid: string }).oid, roles: ["Rampart.Auditor"] });
    await expect(verifyEntraToken(ctx, refreshed.accessToken, AUDIENCES.graph)).resolves.toMatchObject({ oid: (first.idTokenClaims as { oid: string }).oid });
  });

  it("gets an ARM token with client credentials that the ARM verifier accepts", async () => {
    const { endpoints, ctx } = emulators();
    const workload = msalClient(endpoints, { clientId: endpoints.entraWorkload.clientId, clientSecret: endpoints.entraWorkload.clientSecret });
    const result = await workload.acquireTokenByClientCredential({ scopes: ["https://management.azure.com/.default"] });
    const claims = await verifyEntraToken(ctx, result!.accessToken, AUDIENCES.arm);
    expect(claims).toMatchObject({ aud: "https://management.azure.com", appid: endpoints.entraWorkload.clientId, azp: endpoints.entraWorkload.clientId, tid: endpoints.entraWorkload.tenantId, idtyp: "app" });
    expect(typeof claims.oid).toBe("string");
    const ado = await workload.acquireTokenByClientCredential({ scopes: ["499b84ac-1321-427f-aa17-267ca6975798/.default"] });
    await expect(verifyEntraToken(ctx, ado!.accessToken, AUDIENCES.azureDevOps)).resolves.toBeTruthy();
    await expect(verifyEntraToken(ctx, ado!.accessToken, AUDIENCES.arm)).rejects.toThrow(/Audience/);
  });

  it("authenticates the web app with its certificate (private_key_jwt)", async () => {
    const { endpoints, ctx } = emulators();
    const certificate = await loadOrCreateAppCertificate(ctx.dataDir);
    const client = new ConfidentialClientApplication({
      auth: {
        clientId: endpoints.entraClient.clientId,
        authority: endpoints.entra,
        knownAuthorities: [endpoints.entraBase],
        clientCertificate: { thumbprintSha256: certificate.thumbprintSha256, privateKey: certificate.privateKeyPem },
      },
    });
    const result = await signIn(client, "admin");
    expect(result.idTokenClaims).toMatchObject({ roles: ["Rampart.Admin"] });
    const app = await client.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(claimsOf(app!.accessToken)).toMatchObject({ azpacr: "2", roles: ["GroupMember.Read.All", "User.Read.All"] });
  });

  it("rejects a wrong PKCE verifier (AADSTS501481) and a replayed code (AADSTS54005)", async () => {
    const { endpoints } = emulators();
    const client = msalClient(endpoints);
    const started = await startSignIn(client, "security-lead");
    const code = (await followAuthorize(started.authorizeUrl)).searchParams.get("code")!;
    const request = { code, scopes: ["User.Read"], redirectUri: REDIRECT_URI, nonce: started.nonce };
    const wrong = await client.acquireTokenByCode({ ...request, codeVerifier: `${started.verifier.slice(0, -1)}x` }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ServerError);
    expect((wrong as ServerError).errorCode).toBe("invalid_grant");
    expect((wrong as ServerError).errorMessage).toMatch(/Description: AADSTS501481:/);

    const again = await startSignIn(client, "security-lead");
    const code2 = (await followAuthorize(again.authorizeUrl)).searchParams.get("code")!;
    const ok = { code: code2, scopes: ["User.Read"], redirectUri: REDIRECT_URI, codeVerifier: again.verifier, nonce: again.nonce };
    await expect(client.acquireTokenByCode(ok)).resolves.toBeTruthy();
    const replay = await client.acquireTokenByCode(ok).catch((e: unknown) => e);
    expect((replay as ServerError).errorCode).toBe("invalid_grant");
    expect((replay as ServerError).errorMessage).toMatch(/Description: AADSTS54005:/);
  });

  it("rejects a wrong client secret (AADSTS7000215) and an unknown client (AADSTS700016)", async () => {
    const { endpoints } = emulators();
    const wrongSecret = await msalClient(endpoints, { clientSecret: "not-the-secret" })
      .acquireTokenByClientCredential({ scopes: ["https://management.azure.com/.default"] })
      .catch((e: unknown) => e);
    expect((wrongSecret as ServerError).errorCode).toBe("invalid_client");
    expect((wrongSecret as ServerError).errorMessage).toMatch(/Description: AADSTS7000215:/);

    const unknown = await msalClient(endpoints, { clientId: "00000000-0000-4000-8000-000000000000" })
      .acquireTokenByClientCredential({ scopes: ["https://management.azure.com/.default"] })
      .catch((e: unknown) => e);
    expect((unknown as ServerError).errorCode).toBe("unauthorized_client");
    expect((unknown as ServerError).errorMessage).toMatch(/Description: AADSTS700016:/);
  });

  it("signs in through the multi-tenant authority (organizations) with the tenant's issuer in the token", async () => {
    const { endpoints } = emulators();
    const client = msalClient(endpoints, { authority: `${endpoints.entraBase}/organizations` });
    const result = await signIn(client, "security-lead");
    expect(result.idTokenClaims).toMatchObject({ iss: `${endpoints.entraBase}/${endpoints.entraClient.tenantId}/v2.0`, tid: endpoints.entraClient.tenantId });
    expect(result.started.authorizeUrl.startsWith(`${endpoints.entraBase}/organizations/oauth2/v2.0/authorize?`)).toBe(true);
  });

  it("also works with no discovery over the network: cloudDiscoveryMetadata + authorityMetadata", async () => {
    const { endpoints } = emulators();
    const instance = await (await fetch(`${endpoints.entraBase}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoints.entra}/oauth2/v2.0/authorize`)).text();
    const metadata = await (await fetch(`${endpoints.entra}/v2.0/.well-known/openid-configuration`)).text();
    const client = new ConfidentialClientApplication({
      auth: { clientId: endpoints.entraClient.clientId, clientSecret: endpoints.entraClient.clientSecret, authority: endpoints.entra, cloudDiscoveryMetadata: instance, authorityMetadata: metadata },
    });
    const result = await signIn(client, "security-lead");
    expect(result.idTokenClaims).toMatchObject({ roles: ["Rampart.SecurityReader"] });
  });
});
