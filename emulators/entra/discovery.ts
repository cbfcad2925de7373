// Metadata: the v2.0 OpenID configuration per tenant (and for common/organizations), the JWKS,
// and the cloud instance discovery document MSAL asks login.microsoftonline.com for — served
// here so it can be copied into MSAL's `cloudDiscoveryMetadata` (MSAL itself never asks a
// non-Microsoft host for it; see README).
import type { FastifyInstance, FastifyReply } from "fastify";
import { issuerV2 } from "../core/entra-tokens";
import { graphBase } from "./claims";
import { aadsts, sendAadsts } from "./errors";
import type { EntraState } from "./state";

type TenantRequest = { Params: { tenant: string } };

export function openIdConfiguration(state: EntraState, tenantSegment: string): Record<string, unknown> {
  const { ctx, directory } = state;
  const base = ctx.urls.entra;
  const kind = directory.tenant(tenantSegment);
  // Like Entra: a tenant by domain resolves to its id; the multi-tenant aliases keep their name
  // and publish a templated issuer.
  const path = kind === "tenant" ? directory.tenantId : tenantSegment.toLowerCase();
  const graph = new URL(graphBase(ctx));
  return {
    token_endpoint: `${base}/${path}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/${path}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: kind === "tenant" ? issuerV2(ctx) : `${base}/{tenantid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${graphBase(ctx)}/oidc/userinfo`,
    authorization_endpoint: `${base}/${path}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${path}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${path}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
    kerberos_endpoint: `${base}/${path}/kerberos`,
    tenant_region_scope: kind === "tenant" ? "EU" : null,
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    // Clients build Graph URLs as https://<msgraph_host>/v1.0/…; here Graph sits under /graph.
    msgraph_host: `${graph.host}${graph.pathname}`,
    rbac_url: "https://pas.windows.net",
  };
}

function keys(state: EntraState): Record<string, unknown> {
  const { ctx } = state;
  const { alg: _alg, ...jwk } = ctx.keys.entra.publicJwk;
  // Entra's key documents carry no `alg`; v2.0 ones name the issuer each key signs for.
  return { keys: [{ ...jwk, use: "sig", kid: ctx.keys.entra.kid, issuer: issuerV2(ctx) }] };
}

function unknownTenant(state: EntraState, reply: FastifyReply, tenant: string): FastifyReply {
  return sendAadsts(reply.request, reply, aadsts.tenantNotFound(tenant, "invalid_tenant"), state.ctx.urls.entra);
}

export function registerDiscovery(app: FastifyInstance, state: EntraState): void {
  app.get<TenantRequest>("/:tenant/v2.0/.well-known/openid-configuration", async (request, reply) => {
    if (!state.directory.tenant(request.params.tenant)) return unknownTenant(state, reply, request.params.tenant);
    return reply.header("cache-control", "max-age=86400, private").send(openIdConfiguration(state, request.params.tenant));
  });

  for (const path of ["/:tenant/discovery/v2.0/keys", "/:tenant/discovery/keys"]) {
    app.get<TenantRequest>(path, async (request, reply) => {
      if (!state.directory.tenant(request.params.tenant)) return unknownTenant(state, reply, request.params.tenant);
      return reply.header("cache-control", "max-age=86400, private").send(keys(state));
    });
  }

  // GET /common/discovery/instance?api-version=1.1&authorization_endpoint=… — the shape of
  // login.microsoftonline.com's answer, with this host as the only alias.
  app.get<{ Querystring: { authorization_endpoint?: string } }>("/common/discovery/instance", async (request) => {
    const host = new URL(state.ctx.urls.entra).host;
    let tenant = "common";
    try {
      tenant = new URL(request.query.authorization_endpoint ?? "").pathname.split("/")[1] || "common";
    } catch {
      // no or malformed authorization_endpoint: describe the common endpoint
    }
    return {
      tenant_discovery_endpoint: `${state.ctx.urls.entra}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  });
}
