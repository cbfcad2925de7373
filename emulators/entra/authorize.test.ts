// The authorize endpoint as a browser meets it: the persona picker (accessible, script-free,
// posting back to itself), the redirect with a code, and Entra's two ways of failing — an
// error page when the app cannot be trusted with the error, a redirect otherwise.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Endpoints } from "../start";
import { useEmulators } from "../test-support/start";
import { REDIRECT_URI, followAuthorize, msalClient, startSignIn } from "./testing";

const VERIFIER = "a".repeat(43) + "-verifier-for-the-authorize-tests";
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

function authorizeUrl(endpoints: Endpoints, overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    client_id: endpoints.entraClient.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile offline_access User.Read",
    state: "state-123",
    nonce: "nonce-456",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    ...overrides,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== null));
  return `${endpoints.entra}/oauth2/v2.0/authorize?${query}`;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const textOf = (html: string) => unescape(html.replace(/<[^>]+>/g, "")).trim();

function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]!), unescape(m[2]!)]));
}

describe("Entra emulator authorize endpoint", () => {
  const emulators = useEmulators(["entra"]);

  it("shows a script-free persona picker with one accessibly named button per persona", async () => {
    const { endpoints, ctx } = emulators();
    const response = await fetch(authorizeUrl(endpoints));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    const html = await response.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);

    const buttons = [...html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)];
    const personas = ctx.world.entra.personas;
    expect(buttons).toHaveLength(personas.length);
    for (const [i, persona] of personas.entries()) {
      const [, attributes, content] = buttons[i]!;
      expect(attributes).toContain(`type="submit"`);
      expect(attributes).toContain(`name="persona" value="${persona.id}"`);
      expect(textOf(content!)).toBe(persona.label);
      const describedBy = /aria-describedby="([^"]+)"/.exec(attributes!)![1]!;
      const start = html.indexOf(`id="${describedBy}">`);
      expect(start).toBeGreaterThan(0);
      const description = html.slice(start, html.indexOf("</p>", start)).replace(/^[^>]*>/, "");
      expect(textOf(description)).toContain(persona.description);
      expect(textOf(description)).toContain(ctx.world.entra.users[persona.userIndex]!.upn);
    }
  });

  it("signs in the persona chosen on the picker and redirects with a code MSAL redeems", async () => {
    const { endpoints, ctx } = emulators();
    const client = msalClient(endpoints);
    const started = await startSignIn(client);
    const html = await (await fetch(started.authorizeUrl)).text();
    const action = unescape(/<form method="post" action="([^"]+)"/.exec(html)![1]!);
    const form = new URLSearchParams({ ...hiddenFields(html), persona: "auditor" });
    const back = await followAuthorize(new URL(action, endpoints.entraBase).toString(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    expect(back.searchParams.get("state")).toBe(started.state);
    expect(back.searchParams.get("client_info")).toBeTruthy();
    const result = await client.acquireTokenByCode({ code: back.searchParams.get("code")!, scopes: ["User.Read"], redirectUri: REDIRECT_URI, codeVerifier: started.verifier, nonce: started.nonce });
    const auditor = ctx.world.entra.personas.find((p) => p.id === "auditor")!;
    expect(result.idTokenClaims).toMatchObject({ oid: ctx.world.entra.users[auditor.userIndex]!.objectId, roles: ["Rampart.Auditor"] });
  });

  it("shows the picker with an alert when login_hint matches nobody", async () => {
    const { endpoints } = emulators();
    const response = await fetch(authorizeUrl(endpoints, { login_hint: "nobody@example.com" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<p role="alert">[^<]*nobody@example.com/);
  });

  it("answers with form_post and fragment response modes", async () => {
    const { endpoints } = emulators();
    const posted = await fetch(authorizeUrl(endpoints, { login_hint: "admin", response_mode: "form_post" }));
    const html = await posted.text();
    expect(html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
    expect(hiddenFields(html)).toMatchObject({ state: "state-123", code: expect.any(String) });
    expect(posted.headers.get("content-security-policy")).toContain("form-action 'self' http://localhost:3000");

    const fragment = await fetch(authorizeUrl(endpoints, { login_hint: "admin", response_mode: "fragment" }), { redirect: "manual" });
    const hash = new URLSearchParams(new URL(fragment.headers.get("location")!).hash.slice(1));
    expect(hash.get("code")).toBeTruthy();
  });

  it("renders an error page, without redirecting, for an unknown client, tenant or redirect URI", async () => {
    const { endpoints } = emulators();
    const cases: [string, string][] = [
      [authorizeUrl(endpoints, { client_id: "00000000-0000-4000-8000-000000000000" }), "AADSTS700016"],
      [authorizeUrl(endpoints, { client_id: endpoints.entraWorkload.clientId }), "AADSTS500113"],
      [authorizeUrl(endpoints, { redirect_uri: "https://evil.example/callback" }), "AADSTS50011"],
      [authorizeUrl(endpoints).replace(endpoints.entra, `${endpoints.entraBase}/not-a-tenant`), "AADSTS90002"],
    ];
    for (const [url, code] of cases) {
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain(`${code}:`);
    }
  });

  it("redirects errors back to the app with error, error_description and state", async () => {
    const { endpoints } = emulators();
    const cases: [Record<string, string | null>, string, string][] = [
      [{ code_challenge: null }, "invalid_request", "AADSTS900144"],
      [{ code_challenge_method: "plain" }, "invalid_request", "AADSTS900144"],
      [{ code_challenge: "too-short" }, "invalid_request", "AADSTS501491"],
      [{ response_type: "token" }, "unsupported_response_type", "AADSTS700051"],
      [{ scope: "openid User.Explode" }, "invalid_scope", "AADSTS70011"],
      [{ scope: "openid User.Read https://management.azure.com/user_impersonation" }, "invalid_scope", "AADSTS28000"],
      [{ prompt: "none" }, "login_required", "AADSTS50058"],
    ];
    for (const [overrides, error, code] of cases) {
      const back = await followAuthorize(authorizeUrl(endpoints, overrides));
      expect(back.searchParams.get("error"), JSON.stringify(overrides)).toBe(error);
      expect(back.searchParams.get("error_description")?.split(":")[0]).toBe(code);
      expect(back.searchParams.get("state")).toBe("state-123");
      expect(back.searchParams.get("code")).toBeNull();
    }
  });

  it("ends the session: back to a registered post-logout URI, else the signed-out page", async () => {
    const { endpoints } = emulators();
    const logout = `${endpoints.entra}/oauth2/v2.0/logout`;
    const back = await fetch(`${logout}?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/signed-out")}&state=s1`, { redirect: "manual" });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("http://localhost:3000/signed-out?state=s1");
    const elsewhere = await fetch(`${logout}?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).toContain("You signed out of your account");
  });
});
