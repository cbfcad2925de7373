// GET /auth/callback?code=…&state=… — Entra ID sends the browser back here (response_mode=query).
import { clientAddress } from "@/lib/auth/audit";
import { loginCookieName, readCookie, serializeCookie, sessionCookieName } from "@/lib/auth/cookies";
import { expectedOrigin } from "@/lib/auth/csrf";
import { signInLimiter } from "@/lib/auth/rate-limit";
import { redirectWithCookies, tooManyRequests } from "@/lib/auth/responses";
import { defineRoute } from "@/lib/auth/route";
import { completeSignIn, SignInError } from "@/lib/auth/sign-in";
import { cookiesAreSecure } from "@/lib/auth/viewer";

export const runtime = "nodejs";

export const GET = defineRoute({
  access: "public",
  handler: async ({ request }) => {
    if (!signInLimiter.take(`callback:${clientAddress(request) ?? "local"}`)) return tooManyRequests();
    const secure = cookiesAreSecure(request.url, request.headers.get("x-forwarded-proto"));
    const cookieHeader = request.headers.get("cookie");
    const clearLogin = serializeCookie(loginCookieName(secure), "", { secure, maxAgeSeconds: 0 });
    try {
      const done = await completeSignIn({
        origin: expectedOrigin(request),
        params: new URL(request.url).searchParams,
        cookieState: readCookie(cookieHeader, loginCookieName(secure)),
        previousSessionToken: readCookie(cookieHeader, sessionCookieName(secure)),
        request,
      });
      const maxAge = (done.sessionExpiresAt.getTime() - Date.now()) / 1000;
      return redirectWithCookies(done.returnTo, [clearLogin, serializeCookie(sessionCookieName(secure), done.sessionToken, { secure, maxAgeSeconds: maxAge })]);
    } catch (error) {
      if (error instanceof SignInError) return redirectWithCookies(`/sign-in?error=${error.reason}`, [clearLogin]);
      throw error;
    }
  },
});
