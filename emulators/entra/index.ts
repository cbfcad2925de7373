// The Entra ID emulator: the Microsoft identity platform v2.0 endpoints (discovery, JWKS,
// authorize with a persona picker, token, logout) for the world's tenant, plus the slice of
// Microsoft Graph that resolves group overage, under /graph. See README.md for client setup.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext, EmulatorDefinition } from "../core/context";
import { registerAuthorize } from "./authorize";
import { registerDiscovery } from "./discovery";
import { aadsts, aadstsBody, correlationIdOf, graphErrorBody } from "./errors";
import { addFormParser } from "./form";
import { registerGraph } from "./graph";
import { escapeHtml, sendPage } from "./html";
import { registerLogout } from "./logout";
import { entraState } from "./state";
import { registerToken } from "./token-endpoint";

export { loadOrCreateAppCertificate, type AppCertificate } from "./app-certificate";
export { graphBase } from "./claims";

async function register(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  const state = await entraState(ctx);
  addFormParser(app);
  registerDiscovery(app, state);
  registerAuthorize(app, state);
  registerToken(app, state);
  registerLogout(app, state);
  registerGraph(app, state);

  // GET /error?code=NNNN — where error_uri points (login.microsoftonline.com/error on the real one).
  app.get<{ Querystring: { code?: string } }>("/error", (request, reply) =>
    sendPage(reply, 200, {
      title: "Error lookup",
      body: `<h1>Error lookup</h1><p>AADSTS${escapeHtml(request.query.code ?? "")}: see the error_description of the response for the message.</p>`,
    }),
  );
}

export const entraEmulator: EmulatorDefinition = {
  name: "entra",
  register,

  // Throttling as Entra and Graph signal it: 429 with Retry-After and each service's own body.
  rateLimited(request, reply, _kind, retryAfterSeconds) {
    reply.code(429).header("retry-after", String(retryAfterSeconds));
    if (request.url.startsWith("/graph/")) {
      return reply.send(graphErrorBody("TooManyRequests", "Too many requests. Please retry after some time."));
    }
    return reply.send(aadstsBody(aadsts.throttled(), `https://${request.headers.host ?? "localhost"}`, correlationIdOf(request)));
  },

  // POST /entra/grants/expire — every code and refresh token issued so far expires now
  // (tests of "session outlived its refresh token" and AADSTS70008).
  async registerAdmin(admin, ctx) {
    admin.post("/entra/grants/expire", async () => {
      (await entraState(ctx)).grants.expireAll();
      return { expired: true };
    });
  },
};
