// GET /auth/sign-in?returnTo=/path[&loginHint=upn] — starts the authorization code flow (see lib/auth/sign-in).
import { z } from "zod";
import { clientAddress } from "@/lib/auth/audit";
import { loginCookieName, serializeCookie } from "@/lib/auth/cookies";
import { expectedOrigin } from "@/lib/auth/csrf";
import { signInLimiter } from "@/lib/auth/rate-limit";
import { redirectWithCookies, tooManyRequests } from "@/lib/auth/responses";
import { defineRoute } from "@/lib/auth/route";
import { beginSignIn, LOGIN_STATE_TTL_MS, SignInError } from "@/lib/auth/sign-in";
import { cookiesAreSecure } from "@/lib/auth/viewer";

export const runtime = "nodejs";

export const GET = defineRoute({
  access: "public",
  query: z.object({ returnTo: z.string().max(512).optional(), loginHint: z.string().trim().max(200).optional() }),
  handler: async ({ query, request }) => {
    if (!signInLimiter.take(`start:${clientAddress(request) ?? "local"}`)) return tooManyRequests();
    const secure = cookiesAreSecure(request.url, request.headers.get("x-forwarded-proto"));
    try {
      const began = await beginSignIn({ origin: expectedOrigin(request), returnTo: query.returnTo, loginHint: query.loginHint });
      return redirectWithCookies(began.authorizeUrl, [serializeCookie(loginCookieName(secure), began.state, { secure, maxAgeSeconds: LOGIN_STATE_TTL_MS / 1000 })], 302);
    } catch (error) {
      if (error instanceof SignInError) return redirectWithCookies(`/sign-in?error=${error.reason}`, []);
      throw error;
    }
  },
});
