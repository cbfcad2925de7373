// POST /{tenant}/oauth2/v2.0/token — authorization_code (PKCE checked), refresh_token and
// client_credentials. The client is authenticated before the grant is looked at, as Entra does,
// so a bad secret reads AADSTS7000215 whatever the code.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { issuerV2 } from "../core/entra-tokens";
import { clientInfo, signAppAccessToken, signIdToken, signUserAccessToken, userTokenLifetime, APP_TOKEN_LIFETIME_S } from "./claims";
import { authenticateClient, type AuthenticatedClient } from "./client-auth";
import type { Authentication, Lookup } from "./codes";
import { AadstsError, aadsts, sendAadsts } from "./errors";
import { formParams, type Params } from "./form";
import { grantedScopeString, parseAppScope, parseDelegatedScopes, type OidcScope } from "./scopes";
import type { EntraState } from "./state";

interface TokenResponse {
  token_type: "Bearer";
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function found<T>(lookup: Lookup<T>): T {
  switch (lookup.kind) {
    case "ok":
      return lookup.grant;
    case "expired":
      throw aadsts.expiredGrant();
    case "redeemed":
      throw aadsts.codeRedeemed();
    case "unknown":
      throw aadsts.malformedGrant();
  }
}

/** Tokens for a user: access token for the requested resource, plus id and refresh tokens as the OIDC scopes ask. */
async function userTokens(state: EntraState, client: AuthenticatedClient, params: Params, tenant: string, grant: { scope: string; oidc: OidcScope[]; nonce?: string; user: Authentication }): Promise<TokenResponse> {
  const { ctx, directory, grants } = state;
  // The token request's scope picks the resource; the authorize request's OIDC scopes decide
  // whether an id token and a refresh token come back.
  const scopes = parseDelegatedScopes(params.scope || grant.scope, directory.world.app.clientId, tenant);
  const lifetime = userTokenLifetime();
  const response: TokenResponse = {
    token_type: "Bearer",
    scope: grantedScopeString({ ...scopes, oidc: grant.oidc }),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await signUserAccessToken(ctx, directory, client.app, grant.user, scopes, client.method, lifetime),
  };
  if (grant.oidc.includes("offline_access")) {
    response.refresh_token = grants.issueRefreshToken({ clientId: client.app.clientId, scope: grant.scope, oidc: grant.oidc, user: grant.user });
  }
  if (grant.oidc.includes("openid")) response.id_token = await signIdToken(ctx, directory, client.app, grant.user, grant.nonce);
  if (params.client_info === "1") response.client_info = clientInfo(directory, grant.user.userIndex);
  return response;
}

async function authorizationCode(state: EntraState, client: AuthenticatedClient, params: Params, tenant: string): Promise<TokenResponse> {
  if (!params.code) throw aadsts.missingParameter("code");
  const grant = found(state.grants.redeemCode(params.code));
  if (grant.clientId !== client.app.clientId) throw aadsts.grantForAnotherClient();
  if (!params.redirect_uri) throw aadsts.missingParameter("redirect_uri");
  if (params.redirect_uri !== grant.redirectUri) throw aadsts.codeRedirectMismatch(params.redirect_uri, grant.redirectUri);
  if (!params.code_verifier || s256(params.code_verifier) !== grant.codeChallenge) throw aadsts.pkceMismatch();
  return userTokens(state, client, params, tenant, grant);
}

async function refreshToken(state: EntraState, client: AuthenticatedClient, params: Params, tenant: string): Promise<TokenResponse> {
  if (!params.refresh_token) throw aadsts.missingParameter("refresh_token");
  const grant = found(state.grants.refresh(params.refresh_token));
  if (grant.clientId !== client.app.clientId) throw aadsts.grantForAnotherClient();
  // Refreshed id tokens carry no nonce: there is no authorize request to bind it to.
  return userTokens(state, client, params, tenant, { ...grant, nonce: undefined });
}

async function clientCredentials(state: EntraState, client: AuthenticatedClient, params: Params, tenantKind: string, tenant: string): Promise<TokenResponse> {
  if (tenantKind !== "tenant") throw aadsts.noTenantInformation();
  const resource = parseAppScope(params.scope, state.directory.world.app.clientId, tenant);
  return {
    token_type: "Bearer",
    expires_in: APP_TOKEN_LIFETIME_S,
    ext_expires_in: APP_TOKEN_LIFETIME_S,
    access_token: await signAppAccessToken(state.ctx, client.app, resource, client.method),
  };
}

async function token(state: EntraState, request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const { ctx, directory } = state;
  const params = formParams(request);
  const tenant = request.params.tenant;
  try {
    const tenantKind = directory.tenant(tenant);
    if (!tenantKind) throw aadsts.tenantNotFound(tenant);
    const grantType = params.grant_type;
    if (!grantType) throw aadsts.missingParameter("grant_type");
    const audiences = [`${ctx.urls.entra}/${tenant}/oauth2/v2.0/token`, `${ctx.urls.entra}/${directory.tenantId}/oauth2/v2.0/token`, issuerV2(ctx)];
    const client = await authenticateClient(directory, request, params, tenant, audiences);
    let response: TokenResponse;
    if (grantType === "authorization_code") response = await authorizationCode(state, client, params, tenant);
    else if (grantType === "refresh_token") response = await refreshToken(state, client, params, tenant);
    else if (grantType === "client_credentials") response = await clientCredentials(state, client, params, tenantKind, tenant);
    else throw aadsts.unsupportedGrantType(grantType);
    return reply.header("cache-control", "no-store, no-cache").header("pragma", "no-cache").send(response);
  } catch (error) {
    if (error instanceof AadstsError) return sendAadsts(request, reply, error, ctx.urls.entra, params);
    throw error;
  }
}

export function registerToken(app: FastifyInstance, state: EntraState): void {
  app.post<{ Params: { tenant: string } }>("/:tenant/oauth2/v2.0/token", (request, reply) => token(state, request, reply));
}
