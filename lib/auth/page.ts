// The policy for server components: pages and layouts call these before loading anything.
// No session → the sign-in page (coming back here afterwards); a session without the
// permission → 403 (app/forbidden.tsx). Resolved once per request (React cache), however many
// components ask.
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { sessionCookieName } from "./cookies";
import { can, hasPermission, type Permission, type ScopedResource, type Viewer } from "./policy";
import { safeReturnTo } from "./return-to";
import { readSession } from "./session";
import { cookiesAreSecure, viewerFromSession } from "./viewer";

/** The signed-in viewer for this request, or null. */
export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const headerList = await headers();
  const host = headerList.get("host") ?? "localhost";
  const proto = headerList.get("x-forwarded-proto");
  const secure = cookiesAreSecure(`${proto === "https" ? "https" : "http"}://${host}/`, proto);
  const token = (await cookies()).get(sessionCookieName(secure))?.value;
  const session = await readSession(token);
  return session ? viewerFromSession(session) : null;
});

/** The viewer, or a redirect to sign in (returning to this page afterwards). */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) {
    const returnTo = safeReturnTo((await headers()).get("x-rampart-path"));
    redirect(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return viewer;
}

/**
 * The viewer, who must hold `permission` (403 otherwise). Every dashboard page calls this
 * itself: layouts and pages render concurrently, so a layout's check would not stop a page's
 * data load.
 */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!hasPermission(viewer, permission)) forbidden();
  return viewer;
}

/**
 * For pages about one thing (a repository, a finding): 404 when it does not exist OR the viewer
 * may not see it — the same answer, so ids cannot be probed.
 */
export async function requireResource(viewer: Viewer, permission: Permission, resource: ScopedResource | null): Promise<void> {
  if (!resource || !(await can(viewer, permission, resource))) notFound();
}
