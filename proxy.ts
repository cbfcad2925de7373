// Runs before every page and API request: stamps a fresh CSP nonce (Next.js reads it from the
// request's Content-Security-Policy header and applies it to its own scripts) and adds HSTS
// when the request came over https.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isHttps, STRICT_TRANSPORT_SECURITY } from "./lib/security/headers";

/** The sign-in authority's origin (sign-out's form redirects there); none when sign-in is not configured. */
function identityProviderOrigin(): string[] {
  try {
    return process.env.ENTRA_AUTHORITY ? [new URL(process.env.ENTRA_AUTHORITY).origin] : [];
  } catch {
    return [];
  }
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = isHttps(request.nextUrl, request.headers.get("x-forwarded-proto"));
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https, formTargets: identityProviderOrigin() });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // Pages read this to send someone back where they were after signing in.
  requestHeaders.set("x-rampart-path", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) {
    response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  }
  return response;
}

export const config = {
  // Static assets carry no script; everything else gets a policy.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
