// Metadata documents: shaped like login.microsoftonline.com's, pointing at this server, and a
// JWKS whose key verifies what the emulator issues (through jose's remote key set, as a
// resource server would).
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { msalClient } from "./testing";

describe("Entra emulator discovery and keys", () => {
  const emulators = useEmulators(["entra"]);

  it("publishes the tenant's v2.0 OpenID configuration with this host's endpoints", async () => {
    const { endpoints } = emulators();
    const tenantId = endpoints.entraClient.tenantId;
    const response = await fetch(`${endpoints.entra}/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: `${endpoints.entraBase}/${tenantId}/v2.0`,
      authorization_endpoint: `${endpoints.entra}/oauth2/v2.0/authorize`,
      token_endpoint: `${endpoints.entra}/oauth2/v2.0/token`,
      end_session_endpoint: `${endpoints.entra}/oauth2/v2.0/logout`,
      jwks_uri: `${endpoints.entra}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["pairwise"],
      userinfo_endpoint: `${endpoints.entraBase}/graph/oidc/userinfo`,
    });
    expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_post", "private_key_jwt", "client_secret_basic"]));
  });

  it("serves common and organizations with a templated issuer, the tenant's domain like its id, and 400 for other tenants", async () => {
    const { endpoints, ctx } = emulators();
    for (const alias of ["common", "organizations"]) {
      const doc = (await (await fetch(`${endpoints.entraBase}/${alias}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
      expect(doc.issuer).toBe(`${endpoints.entraBase}/{tenantid}/v2.0`);
      expect(doc.authorization_endpoint).toBe(`${endpoints.entraBase}/${alias}/oauth2/v2.0/authorize`);
    }
    const domain = ctx.world.entra.users[0]!.upn.split("@")[1];
    const byDomain = (await (await fetch(`${endpoints.entraBase}/${domain}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(byDomain.token_endpoint).toBe(`${endpoints.entra}/oauth2/v2.0/token`);
    const other = await fetch(`${endpoints.entraBase}/11111111-2222-4333-8444-555555555555/v2.0/.well-known/openid-configuration`);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });

  it("answers cloud instance discovery for this host", async () => {
    const { endpoints } = emulators();
    const host = new URL(endpoints.entraBase).host;
    const response = await fetch(`${endpoints.entraBase}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoints.entra}/oauth2/v2.0/authorize`);
    expect(await response.json()).toEqual({
      tenant_discovery_endpoint: `${endpoints.entra}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  it("publishes a JWKS whose key verifies issued tokens, and no other key does", async () => {
    const { endpoints } = emulators();
    const doc = (await (await fetch(`${endpoints.entra}/v2.0/.well-known/openid-configuration`)).json()) as { jwks_uri: string; issuer: string };
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", issuer: doc.issuer });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    for (const path of ["common/discovery/v2.0/keys", "common/discovery/keys"]) {
      expect(await (await fetch(`${endpoints.entraBase}/${path}`)).json()).toEqual(jwks);
    }

    const result = await msalClient(endpoints, { clientId: endpoints.entraWorkload.clientId, clientSecret: endpoints.entraWorkload.clientSecret }).acquireTokenByClientCredential({
      scopes: ["https://management.azure.com/.default"],
    });
    const keySet = createRemoteJWKSet(new URL(doc.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(result!.accessToken, keySet, { issuer: doc.issuer, audience: "https://management.azure.com" });
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: jwks.keys[0]!.kid });
    expect(payload.tid).toBe(endpoints.entraWorkload.tenantId);

    const [header, body] = result!.accessToken.split(".");
    const forged = `${header}.${body}.${Buffer.from("not the signature").toString("base64url")}`;
    await expect(jwtVerify(forged, keySet)).rejects.toThrow();
  });
});
