// Who is asking: the session a request's cookie names, as the policy's Viewer.
import { isHttps } from "../security/headers";
import { env } from "../env";
import { readCookie, sessionCookieName } from "./cookies";
import type { RepositoryScope, Viewer } from "./policy";
import { seesAllRepositories } from "./policy";
import { resolveRepositoryScope } from "./scope";
import { readSession, type SessionRecord } from "./session";

/** Whether cookies must be Secure: the configured origin decides, else the request itself. */
export function cookiesAreSecure(requestUrl: string | URL, forwardedProto: string | null): boolean {
  const origin = env().RAMPART_ORIGIN;
  if (origin) return new URL(origin).protocol === "https:";
  return isHttps(new URL(requestUrl), forwardedProto);
}

export function viewerFromSession(session: SessionRecord): Viewer {
  let scope: Promise<RepositoryScope> | undefined;
  const viewer: Viewer = {
    userId: session.userId,
    sessionId: session.id,
    tenantId: session.user.tenantId,
    objectId: session.user.objectId,
    upn: session.user.upn,
    displayName: session.user.displayName,
    roles: session.roles,
    groups: session.groups,
    csrfToken: session.csrfToken,
    repositoryScope: () => {
      scope ??= seesAllRepositories(viewer) ? Promise.resolve("all") : resolveRepositoryScope(viewer);
      return scope;
    },
  };
  return viewer;
}

/** The viewer behind a Cookie header, or null (no cookie, unknown, expired or revoked session). */
export async function viewerFromCookieHeader(cookieHeader: string | null, secure: boolean): Promise<Viewer | null> {
  const token = readCookie(cookieHeader, sessionCookieName(secure));
  const session = await readSession(token);
  return session ? viewerFromSession(session) : null;
}

export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const secure = cookiesAreSecure(request.url, request.headers.get("x-forwarded-proto"));
  return viewerFromCookieHeader(request.headers.get("cookie"), secure);
}
