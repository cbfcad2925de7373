// The cookies sign-in uses, and how they are written. The session cookie holds only a random
// token (its hash is the database key). On https it carries the __Host- prefix, which the
// browser enforces: Secure, Path=/, no Domain — so no subdomain can set or read it. Plain-http
// loopback (the demo) cannot use the prefix, so the name differs there.
export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
}

const SESSION = "rampart_session";
const LOGIN = "rampart_login";

export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION}` : SESSION;
}

/** Binds an in-flight sign-in to the browser that started it (login CSRF protection). */
export function loginCookieName(secure: boolean): string {
  return secure ? `__Host-${LOGIN}` : LOGIN;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure on https; Max-Age 0 deletes. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  return parts.join("; ");
}

/** Reads one cookie from a Cookie header; the first occurrence wins. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
