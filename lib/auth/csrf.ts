// CSRF defence for every state-changing request, in two independent layers:
//   1. the session cookie is SameSite=Lax, so cross-site POSTs arrive without it;
//   2. the request must come from Rampart's own origin (Origin header, else Referer) AND carry
//      the session's CSRF token — in the `x-csrf-token` header (fetch) or a `csrf_token` form
//      field (plain HTML forms such as sign-out) — compared in constant time.
// Safe methods (GET, HEAD, OPTIONS) never change state, by convention enforced in review.
import { ForbiddenError } from "../http/errors";
import { env } from "../env";
import { safeEqual } from "./tokens";

export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "csrf_token";

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** The origin requests must come from: RAMPART_ORIGIN, else the request's own. */
export function expectedOrigin(request: Request): string {
  return env().RAMPART_ORIGIN?.replace(/\/+$/, "") ?? new URL(request.url).origin;
}

function requestOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return origin;
  const referer = request.headers.get("referer");
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Throws 403 unless the request is same-origin and carries the session's token. */
export function assertCsrfSafe(request: Request, sessionToken: string, submitted: string | null | undefined): void {
  if (requestOrigin(request) !== expectedOrigin(request)) throw new ForbiddenError("Cross-site request refused.");
  const token = submitted ?? request.headers.get(CSRF_HEADER);
  if (!token || !safeEqual(token, sessionToken)) throw new ForbiddenError("Missing or invalid CSRF token. Reload the page and try again.");
}
