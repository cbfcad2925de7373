// Sign-in against the Entra ID emulator with the real MSAL client: the code flow end to end,
// and every way it must refuse — replayed callbacks, state from another browser, a tampered
// nonce, an expired login, a tenant that is not allowed — plus group overage through Graph.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulators as emulatorsForThisFile } from "../../emulators/test-support/start";
import { database } from "../db";
import { reloadEnv } from "../env";
import { resetEntraConfig } from "./entra-config";
import { beginSignIn, completeSignIn, SignInError, type SignInFailure } from "./sign-in";
import { readSession } from "./session";

const ORIGIN = "http://127.0.0.1:3999";
const emulators = emulatorsForThisFile(["entra"]);
const saved = { ...process.env };

beforeAll(() => {
  const e = emulators().endpoints;
  Object.assign(process.env, {
    ENTRA_AUTHORITY: e.entra,
    ENTRA_CLIENT_ID: e.entraClient.clientId,
    ENTRA_CLIENT_SECRET: e.entraClient.clientSecret,
    ENTRA_KNOWN_AUTHORITIES: e.entraBase,
    GRAPH_BASE_URL: `${e.entraBase}/graph`,
  });
  delete process.env.ENTRA_ALLOWED_TENANTS;
  reloadEnv();
  resetEntraConfig();
});

afterAll(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith("ENTRA_") || key === "GRAPH_BASE_URL") delete process.env[key];
  Object.assign(process.env, saved);
  reloadEnv();
  resetEntraConfig();
});

/** The identity provider's leg: the persona signs in at once (login_hint), the code comes back. */
async function authorize(authorizeUrl: string, persona: string, tamper?: (url: URL) => void): Promise<URLSearchParams> {
  const url = new URL(authorizeUrl);
  url.searchParams.set("login_hint", persona);
  tamper?.(url);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(`${ORIGIN}/auth/callback`);
  return location.searchParams;
}

async function signIn(persona: string, options: { previousSessionToken?: string } = {}) {
  const began = await beginSignIn({ origin: ORIGIN, returnTo: "/findings" });
  const params = await authorize(began.authorizeUrl, persona);
  const done = await completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: options.previousSessionToken });
  return { began, params, done };
}

async function failureOf(promise: Promise<unknown>): Promise<SignInFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInError);
  return (error as SignInError).reason;
}

async function sessionCount(): Promise<number> {
  return database().prisma.session.count();
}

describe("sign-in with MSAL against the Entra emulator", () => {
  it("uses PKCE (S256), state and nonce, and ends in a server-side session with the persona's roles", async () => {
    const { began, done } = await signIn("security-lead");
    const url = new URL(began.authorizeUrl);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBe(began.state);
    expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("response_mode")).toBe("query");
    expect(done.returnTo).toBe("/findings");
    const session = await readSession(done.sessionToken);
    expect(session?.roles).toEqual(["security_reader"]);
    expect(session?.user.upn).toMatch(/@/);
    // Only the hash of the token is stored.
    const raw = await database().pool.query("SELECT count(*)::int AS n FROM session WHERE token_hash = $1", [done.sessionToken]);
    expect(raw.rows[0].n).toBe(0);
    const audit = await database().prisma.appAuditEvent.findFirst({ where: { action: "auth.sign_in", actorUpn: session!.user.upn }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ roles: ["security_reader"], groupOverage: false });
  });

  it("a developer without app roles is a developer; a replayed callback is refused and creates nothing", async () => {
    const { began, params, done } = await signIn("developer");
    expect((await readSession(done.sessionToken))?.roles).toEqual(["developer"]);
    const before = await sessionCount();
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: undefined }))).toBe("state_expired");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a callback whose state is not the one this browser's cookie holds", async () => {
    const mine = await beginSignIn({ origin: ORIGIN, returnTo: null });
    const theirs = await beginSignIn({ origin: ORIGIN, returnTo: null });
    const params = await authorize(theirs.authorizeUrl, "admin");
    const before = await sessionCount();
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: mine.state, previousSessionToken: undefined }))).toBe("state_mismatch");
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: undefined, previousSessionToken: undefined }))).toBe("state_mismatch");
    expect(await sessionCount()).toBe(before);
    const failures = await database().prisma.appAuditEvent.count({ where: { action: "auth.sign_in_failed" } });
    expect(failures).toBeGreaterThanOrEqual(2);
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    const began = await beginSignIn({ origin: ORIGIN, returnTo: null });
    const params = await authorize(began.authorizeUrl, "admin", (url) => url.searchParams.set("nonce", "an-attacker-chosen-nonce"));
    const before = await sessionCount();
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: undefined }))).toBe("nonce_mismatch");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a login state older than its time-to-live", async () => {
    const began = await beginSignIn({ origin: ORIGIN, returnTo: null }, new Date(Date.now() - 11 * 60_000));
    const params = await authorize(began.authorizeUrl, "admin");
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: undefined }))).toBe("state_expired");
  });

  it("reports the identity provider's own error without creating anything", async () => {
    const began = await beginSignIn({ origin: ORIGIN, returnTo: null });
    const params = new URLSearchParams({ error: "access_denied", error_description: "AADSTS65004: User declined to consent", state: began.state });
    expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: undefined }))).toBe("idp_error");
  });

  it("reads groups from Microsoft Graph when the token carries the overage claim", async () => {
    const { done } = await signIn("developer-many-groups");
    const session = await readSession(done.sessionToken);
    expect(session?.groups.length).toBeGreaterThan(200);
    const audit = await database().prisma.appAuditEvent.findFirst({ where: { action: "auth.sign_in", actorUpn: session!.user.upn }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ groupOverage: true });
  });

  it("rotates the session at sign-in: the previous cookie's session is revoked", async () => {
    const first = await signIn("auditor");
    const second = await signIn("auditor", { previousSessionToken: first.done.sessionToken });
    expect(await readSession(first.done.sessionToken)).toBeNull();
    expect((await readSession(second.done.sessionToken))?.roles).toEqual(["auditor"]);
  });

  it("refuses people from a tenant that is not allowed", async () => {
    process.env.ENTRA_ALLOWED_TENANTS = "00000000-0000-0000-0000-000000000001";
    reloadEnv();
    resetEntraConfig();
    try {
      const began = await beginSignIn({ origin: ORIGIN, returnTo: null });
      const params = await authorize(began.authorizeUrl, "admin");
      const before = await sessionCount();
      expect(await failureOf(completeSignIn({ origin: ORIGIN, params, cookieState: began.state, previousSessionToken: undefined }))).toBe("tenant_not_allowed");
      expect(await sessionCount()).toBe(before);
    } finally {
      delete process.env.ENTRA_ALLOWED_TENANTS;
      reloadEnv();
      resetEntraConfig();
    }
  });
});
