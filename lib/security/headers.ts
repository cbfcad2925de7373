// Security headers, as pure functions so they can be tested and applied in one place
// (proxy.ts for per-request CSP nonces, next.config.js for the static set in static-headers.js).

export interface CspOptions {
  nonce: string;
  /** React's dev tooling needs eval and a websocket for hot reload; production gets neither. */
  development: boolean;
  /** Served over https: ask the browser to upgrade any stray http subresource too. */
  https: boolean;
  /**
   * Origins a form submission may end up at besides our own: the identity provider, because
   * sign-out is a form POST that redirects there (browsers apply form-action to redirects).
   */
  formTargets?: string[];
}

/**
 * A nonce-based Content-Security-Policy: scripts run only if Next.js stamped them with this
 * request's nonce ('strict-dynamic' lets those load their chunks). No remote origins, except
 * the identity provider as a form target (sign-out).
 */
export function contentSecurityPolicy({ nonce, development, https, formTargets = [] }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Next.js and React set style attributes at runtime; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formTargets],
    "frame-ancestors": ["'none'"],
    "worker-src": ["'self'", "blob:"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** HSTS only means something over https; sending it on http://localhost would be noise. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export { STATIC_SECURITY_HEADERS } from "./static-headers.js";

/** Whether the request reached us over https, directly or through a TLS-terminating proxy. */
export function isHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}
