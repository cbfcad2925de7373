import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, STATIC_SECURITY_HEADERS } from "./headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  const production = directives(contentSecurityPolicy({ nonce: "abc123", development: false, https: true }));

  it("allows only this request's nonce-stamped scripts in production", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(production.get("script-src")).not.toContain("'unsafe-inline'");
    expect(production.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("forbids framing, plugins and foreign form targets", () => {
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("base-uri")).toEqual(["'self'"]);
    expect(production.has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets forms end up at the identity provider only (sign-out redirects there), nowhere else", () => {
    const withIdp = directives(contentSecurityPolicy({ nonce: "n", development: false, https: true, formTargets: ["https://login.microsoftonline.com"] }));
    expect(withIdp.get("form-action")).toEqual(["'self'", "https://login.microsoftonline.com"]);
    expect(withIdp.get("default-src")).toEqual(["'self'"]);
    expect(withIdp.get("connect-src")).toEqual(["'self'"]);
  });

  it("names no remote origin anywhere", () => {
    for (const [, values] of production) {
      for (const value of values) expect(value).not.toMatch(/^https?:/);
    }
  });

  it("adds eval and the hot-reload socket only in development, and no upgrade on http", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", development: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toContain("ws:");
    expect(dev.has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("isHttps", () => {
  it("trusts the URL scheme or the first forwarded proto", () => {
    expect(isHttps(new URL("https://rampart.example"), null)).toBe(true);
    expect(isHttps(new URL("http://10.0.0.5:3000"), "https, http")).toBe(true);
    expect(isHttps(new URL("http://localhost:3000"), null)).toBe(false);
    expect(isHttps(new URL("http://localhost:3000"), "http")).toBe(false);
  });
});

describe("static security headers", () => {
  it("include nosniff, a strict referrer policy and frame denial", () => {
    const byName = new Map(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(byName.get("X-Content-Type-Options")).toBe("nosniff");
    expect(byName.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(byName.get("X-Frame-Options")).toBe("DENY");
  });
});
