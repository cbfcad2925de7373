// POST /auth/sign-out (a form with the CSRF token) — ends the Rampart session, then signs out of
// Entra ID, which returns to /signed-out. Public on purpose: an expired session must still be
// able to clear its cookie; a live one must prove the request is its own (CSRF) first.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { readCookie, serializeCookie, sessionCookieName } from "@/lib/auth/cookies";
import { assertCsrfSafe, expectedOrigin } from "@/lib/auth/csrf";
import { entraConfig } from "@/lib/auth/entra-config";
import { redirectWithCookies } from "@/lib/auth/responses";
import { defineRoute } from "@/lib/auth/route";
import { revokeSessionToken } from "@/lib/auth/session";
import { cookiesAreSecure, viewerFromCookieHeader } from "@/lib/auth/viewer";

export const runtime = "nodejs";

export const POST = defineRoute({
  access: "public",
  body: z.object({ csrf_token: z.string().max(100).optional() }).optional(),
  handler: async ({ body, request }) => {
    const secure = cookiesAreSecure(request.url, request.headers.get("x-forwarded-proto"));
    const clear = serializeCookie(sessionCookieName(secure), "", { secure, maxAgeSeconds: 0 });
    const viewer = await viewerFromCookieHeader(request.headers.get("cookie"), secure);
    const origin = expectedOrigin(request);
    if (!viewer) return redirectWithCookies("/signed-out", [clear]);
    assertCsrfSafe(request, viewer.csrfToken, body?.csrf_token ?? null);
    await revokeSessionToken(readCookie(request.headers.get("cookie"), sessionCookieName(secure)));
    await recordAudit({ action: "auth.sign_out", actor: viewer, target: { type: "user", id: viewer.userId }, request });
    const config = await entraConfig().catch(() => null);
    const idpLogout = config
      ? `${config.authority}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: `${origin}/signed-out`, client_id: config.clientId })}`
      : "/signed-out";
    return redirectWithCookies(idpLogout, [clear]);
  },
});
