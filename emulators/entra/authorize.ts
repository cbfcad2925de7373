// GET|POST /{tenant}/oauth2/v2.0/authorize — the authorization endpoint. Errors that cannot be
// trusted to the app (unknown tenant or client, unregistered redirect URI) get an error page;
// the rest go back to the redirect URI. A persona choice (picker POST) or a login_hint that
// names a persona or user signs in at once; otherwise the persona picker is shown.
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { clientInfo } from "./claims";
import type { SignedInUser } from "./directory";
import { AadstsError, aadsts, aadstsBody, correlationIdOf } from "./errors";
import { formParams, type Params } from "./form";
import { errorPage, formPostPage, sendPage } from "./html";
import { personaPickerPage } from "./persona-page";
import { parseDelegatedScopes, type DelegatedScopes } from "./scopes";
import type { EntraState } from "./state";

type ResponseMode = "query" | "fragment" | "form_post";
type AuthorizeRequest = FastifyRequest<{ Params: { tenant: string } }>;

/** Sends the authorization response (or error) to the app the way `response_mode` asks. */
function respond(reply: FastifyReply, redirectUri: string, mode: ResponseMode, fields: Record<string, string>): FastifyReply {
  if (mode === "form_post") return sendPage(reply, 200, formPostPage(redirectUri, fields));
  const url = new URL(redirectUri);
  if (mode === "fragment") url.hash = new URLSearchParams(fields).toString();
  else for (const [name, value] of Object.entries(fields)) url.searchParams.append(name, value);
  return reply.header("cache-control", "no-store, no-cache").redirect(url.toString(), 302);
}

function responseMode(value: string | undefined): ResponseMode {
  return value === "fragment" || value === "form_post" ? value : "query";
}

/** The checks Entra makes once it knows where errors can be sent. */
function validate(params: Params, webClientId: string, tenant: string): DelegatedScopes {
  const responseType = params.response_type?.trim();
  if (!responseType) throw aadsts.missingParameter("response_type");
  if (responseType !== "code") throw aadsts.unsupportedResponseType(responseType);
  const scopes = parseDelegatedScopes(params.scope, webClientId, tenant);
  // Stricter than Entra for a confidential web app: the emulated app requires PKCE with S256,
  // so a Rampart that forgot it fails here rather than only against a hardened tenant.
  if (!params.code_challenge) throw aadsts.missingParameter("code_challenge");
  if ((params.code_challenge_method ?? "plain") !== "S256") throw aadsts.codeChallengeMethod();
  if (!/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) throw aadsts.codeChallengeSize();
  return scopes;
}

async function authorize(state: EntraState, request: AuthorizeRequest, reply: FastifyReply, params: Params): Promise<FastifyReply> {
  const { ctx, directory, grants } = state;
  const tenant = request.params.tenant;
  const correlationId = correlationIdOf(request, params);
  const page = (failure: AadstsError) => sendPage(reply, 400, errorPage(failure, correlationId));

  if (!directory.tenant(tenant)) return page(aadsts.tenantNotFound(tenant));
  if (!params.client_id) return page(aadsts.missingParameter("client_id"));
  const client = directory.application(params.client_id);
  if (!client) return page(aadsts.unknownClient(params.client_id, tenant));
  if (!client.signsInUsers) return page(aadsts.noReplyAddress());
  const redirectUri = params.redirect_uri;
  if (!redirectUri) return page(aadsts.missingParameter("redirect_uri"));
  if (!directory.redirectUriAllowed(client, redirectUri)) return page(aadsts.redirectUriMismatch(redirectUri, client.clientId));

  const mode = responseMode(params.response_mode);
  const withState = (fields: Record<string, string>) => (params.state === undefined ? fields : { ...fields, state: params.state });
  const fail = (failure: AadstsError) => {
    const body = aadstsBody(failure, ctx.urls.entra, correlationId);
    return respond(reply, redirectUri, mode, withState({ error: body.error, error_description: body.error_description, error_uri: body.error_uri }));
  };

  let scopes: DelegatedScopes;
  try {
    scopes = validate(params, directory.world.app.clientId, tenant);
  } catch (error) {
    if (error instanceof AadstsError) return fail(error);
    throw error;
  }

  let who: SignedInUser | undefined;
  let notice: string | undefined;
  if (params.persona) {
    const persona = directory.world.personas.find((p) => p.id === params.persona);
    who = persona && { userIndex: persona.userIndex, personaId: persona.id };
    if (!who) notice = `There is no persona "${params.persona}". Pick one below.`;
  } else if (params.login_hint) {
    who = directory.userForHint(params.login_hint);
    if (!who) notice = `No persona or user matches "${params.login_hint}". Pick an account below.`;
  }
  if (!who) {
    // There is no single sign-on session to reuse, so a silent request cannot succeed.
    if (params.prompt === "none") return fail(aadsts.loginRequired());
    const action = request.url.split("?")[0]!;
    return sendPage(reply, 200, personaPickerPage(directory, { action, params, appName: client.displayName, notice }));
  }

  const code = grants.issueCode({
    clientId: client.clientId,
    redirectUri,
    scope: params.scope ?? "",
    oidc: scopes.oidc,
    nonce: params.nonce || undefined,
    codeChallenge: params.code_challenge!,
    user: { ...who, authTime: Math.floor(Date.now() / 1000) },
  });
  const fields: Record<string, string> = { code };
  if (params.client_info === "1") fields.client_info = clientInfo(directory, who.userIndex);
  return respond(reply, redirectUri, mode, { ...withState(fields), session_state: randomUUID() });
}

export function registerAuthorize(app: FastifyInstance, state: EntraState): void {
  app.get<{ Params: { tenant: string }; Querystring: Params }>("/:tenant/oauth2/v2.0/authorize", (request, reply) => authorize(state, request, reply, request.query));
  // Entra accepts the authorize parameters as a form POST too; the picker posts back this way.
  app.post<{ Params: { tenant: string }; Querystring: Params }>("/:tenant/oauth2/v2.0/authorize", (request, reply) =>
    authorize(state, request, reply, { ...request.query, ...formParams(request) }),
  );
}
