// GET|POST /{tenant}/oauth2/v2.0/logout — end session. There is no single sign-on session to
// end (every sign-in goes through the picker), so this only sends the browser back to the app
// when post_logout_redirect_uri is registered, or shows the signed-out page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { aadsts, correlationIdOf } from "./errors";
import { formParams, type Params } from "./form";
import { errorPage, sendPage, signedOutPage } from "./html";
import type { EntraState } from "./state";

function logout(state: EntraState, request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply, params: Params): FastifyReply {
  const { directory } = state;
  if (!directory.tenant(request.params.tenant)) return sendPage(reply, 400, errorPage(aadsts.tenantNotFound(request.params.tenant), correlationIdOf(request, params)));
  const target = params.post_logout_redirect_uri;
  // The URI must be registered on the app; with no client_id, Entra checks it against the web app here.
  const app = directory.application(params.client_id) ?? directory.applications.find((a) => a.signsInUsers)!;
  if (target && directory.redirectUriAllowed(app, target)) {
    const url = new URL(target);
    if (params.state !== undefined) url.searchParams.set("state", params.state);
    return reply.header("cache-control", "no-store, no-cache").redirect(url.toString(), 302);
  }
  return sendPage(reply, 200, signedOutPage());
}

export function registerLogout(app: FastifyInstance, state: EntraState): void {
  app.get<{ Params: { tenant: string }; Querystring: Params }>("/:tenant/oauth2/v2.0/logout", (request, reply) => logout(state, request, reply, request.query));
  app.post<{ Params: { tenant: string }; Querystring: Params }>("/:tenant/oauth2/v2.0/logout", (request, reply) =>
    logout(state, request, reply, { ...request.query, ...formParams(request) }),
  );
}
