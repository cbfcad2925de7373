// The authorization code flow with PKCE, state and nonce, against Entra ID (or its emulator —
// configuration only). Begin: a one-time login state (PKCE verifier, nonce, where to return)
// is stored server-side under the hash of a random `state`, and the same `state` goes into an
// HttpOnly cookie, so only the browser that started a sign-in can finish it. Complete: the
// state must match the cookie and an unexpired stored state (used once), the code is redeemed
// with the verifier, the ID token's nonce and tenant are checked, groups are read (from Graph
// on overage), and a fresh session replaces any previous one.
import { CryptoProvider } from "@azure/msal-node";
import { database } from "../db";
import { log, describeError } from "../http/log";
import { recordAudit } from "./audit";
import { SignInNotConfiguredError } from "./entra-config";
import { groupsFromClaim, groupsFromGraph, hasGroupOverage } from "./groups";
import { msalClient } from "./msal";
import { homePath } from "./policy";
import { rolesFromClaim } from "./roles";
import { safeReturnTo } from "./return-to";
import { createSession, revokeSessionToken } from "./session";
import { randomToken, safeEqual, sha256 } from "./tokens";

/** How long someone may take at the identity provider. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;
const SCOPES = ["openid", "profile"];

export type SignInFailure =
  | "not_configured"
  | "idp_error"
  | "missing_code"
  | "state_mismatch"
  | "state_expired"
  | "token_exchange_failed"
  | "nonce_mismatch"
  | "tenant_not_allowed"
  | "invalid_token"
  | "groups_unavailable";

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    /** For the log and audit trail; never shown to the person. */
    readonly detail?: string,
  ) {
    super(`Sign-in failed: ${reason}`);
    this.name = "SignInError";
  }
}

/** What the sign-in page tells the person, per failure. */
export const SIGN_IN_FAILURE_MESSAGES: Record<SignInFailure, string> = {
  not_configured: "Sign-in is not configured for this Rampart. An administrator must set the Entra ID settings.",
  idp_error: "Microsoft Entra ID did not complete the sign-in. Try again.",
  missing_code: "The sign-in response was incomplete. Try again.",
  state_mismatch: "This sign-in was started in another browser or tab, or was tampered with. Start again here.",
  state_expired: "The sign-in took too long or was already used. Start again.",
  token_exchange_failed: "Rampart could not complete the sign-in with Microsoft Entra ID. Try again.",
  nonce_mismatch: "The sign-in response did not match this request. Start again.",
  tenant_not_allowed: "Your organization's directory is not allowed to use this Rampart.",
  invalid_token: "The sign-in response was not valid. Try again.",
  groups_unavailable: "Rampart could not read your group memberships. Try again in a moment.",
};

export function redirectUri(origin: string): string {
  return `${origin}/auth/callback`;
}

export interface BeganSignIn {
  /** Where to send the browser. */
  authorizeUrl: string;
  /** The value of the login cookie. */
  state: string;
}

/** `loginHint` (a UPN, or a persona on the emulator) pre-selects the account at the identity provider. */
export async function beginSignIn(input: { origin: string; returnTo: unknown; loginHint?: string }, now = new Date()): Promise<BeganSignIn> {
  const { app } = await msalClient().catch((error: unknown) => {
    throw error instanceof SignInNotConfiguredError ? new SignInError("not_configured", error.message) : error;
  });
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const state = randomToken();
  const nonce = randomToken();
  await database().prisma.loginState.create({
    data: {
      state: sha256(state),
      codeVerifier: verifier,
      nonce,
      returnTo: safeReturnTo(input.returnTo) ?? "",
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    },
  });
  const authorizeUrl = await app.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri: redirectUri(input.origin),
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state,
    nonce,
    // query (not form_post): the callback is a top-level GET, so the SameSite=Lax login cookie comes along.
    responseMode: "query",
    ...(input.loginHint ? { loginHint: input.loginHint } : { prompt: "select_account" }),
  });
  return { authorizeUrl, state };
}

export interface CallbackInput {
  origin: string;
  params: URLSearchParams;
  /** The login cookie's value. */
  cookieState: string | undefined;
  /** The session cookie's value, if any: rotated away. */
  previousSessionToken: string | undefined;
  request?: Request;
}

export interface CompletedSignIn {
  sessionToken: string;
  sessionExpiresAt: Date;
  returnTo: string;
}

async function takeLoginState(state: string, now: Date) {
  // Used once: deleted as it is read, so a replayed callback finds nothing.
  const { rows } = await database().pool.query<{ code_verifier: string; nonce: string; return_to: string; expires_at: Date }>(
    "DELETE FROM login_state WHERE state = $1 RETURNING code_verifier, nonce, return_to, expires_at",
    [sha256(state)],
  );
  const row = rows[0];
  if (!row || row.expires_at <= now) throw new SignInError("state_expired");
  return row;
}

export async function completeSignIn(input: CallbackInput, now = new Date()): Promise<CompletedSignIn> {
  try {
    return await redeem(input, now);
  } catch (error) {
    const failure = error instanceof SignInError ? error : new SignInError("token_exchange_failed", error instanceof Error ? error.message : String(error));
    if (!(error instanceof SignInError)) log("warn", "sign-in token exchange failed", describeError(error));
    await recordAudit({ action: "auth.sign_in_failed", details: { reason: failure.reason, detail: failure.detail?.slice(0, 300) }, request: input.request });
    throw failure;
  }
}

async function redeem(input: CallbackInput, now: Date): Promise<CompletedSignIn> {
  const { params } = input;
  const idpError = params.get("error");
  if (idpError) throw new SignInError("idp_error", `${idpError}: ${params.get("error_description")?.slice(0, 200) ?? ""}`);
  const state = params.get("state");
  if (!state || !input.cookieState || !safeEqual(state, input.cookieState)) throw new SignInError("state_mismatch");
  const code = params.get("code");
  if (!code) throw new SignInError("missing_code");
  const login = await takeLoginState(state, now);

  const { app, config } = await msalClient().catch((error: unknown) => {
    throw error instanceof SignInNotConfiguredError ? new SignInError("not_configured", error.message) : error;
  });
  let result;
  try {
    result = await app.acquireTokenByCode(
      { code, scopes: SCOPES, redirectUri: redirectUri(input.origin), codeVerifier: login.code_verifier, nonce: login.nonce, state },
      { code, state, nonce: login.nonce },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SignInError(/nonce/i.test(message) ? "nonce_mismatch" : "token_exchange_failed", message.slice(0, 300));
  }
  const claims = (result?.idTokenClaims ?? {}) as Record<string, unknown>;
  // Rampart keeps nothing MSAL cached for this person.
  if (result?.account) await app.getTokenCache().removeAccount(result.account).catch(() => {});

  // MSAL checks the nonce too; this is the second lock on the same door.
  if (typeof claims.nonce !== "string" || !safeEqual(claims.nonce, login.nonce)) throw new SignInError("nonce_mismatch");
  const tenantId = typeof claims.tid === "string" ? claims.tid.toLowerCase() : "";
  const objectId = typeof claims.oid === "string" ? claims.oid.toLowerCase() : "";
  if (!tenantId || !objectId) throw new SignInError("invalid_token", "tid or oid missing");
  if (!config.allowedTenants.includes(tenantId)) throw new SignInError("tenant_not_allowed", tenantId);

  const roles = rolesFromClaim(claims.roles);
  let groups = groupsFromClaim(claims);
  const overage = hasGroupOverage(claims);
  if (overage) {
    try {
      groups = await groupsFromGraph(app, config, objectId);
    } catch (error) {
      throw new SignInError("groups_unavailable", error instanceof Error ? error.message : String(error));
    }
  }
  const upn = typeof claims.preferred_username === "string" ? claims.preferred_username.toLowerCase() : null;
  const displayName = typeof claims.name === "string" ? claims.name.slice(0, 200) : null;

  const { prisma } = database();
  const user = await prisma.user.upsert({
    where: { tenantId_objectId: { tenantId, objectId } },
    create: { tenantId, objectId, upn, displayName, email: upn, lastSeenAt: now },
    update: { upn, displayName, lastSeenAt: now },
  });
  const previous = await prisma.session.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "desc" }, select: { roles: true } });
  await revokeSessionToken(input.previousSessionToken, now);
  const session = await createSession(
    { userId: user.id, roles, groups, ipAddress: input.request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null, userAgent: input.request?.headers.get("user-agent") },
    now,
  );
  const actor = { objectId, upn };
  if (previous && [...previous.roles].sort().join() !== roles.join()) {
    await recordAudit({ action: "auth.roles_changed", actor, target: { type: "user", id: user.id }, details: { from: previous.roles, to: roles }, request: input.request });
  }
  await recordAudit({ action: "auth.sign_in", actor, target: { type: "user", id: user.id }, details: { roles, groups: groups.length, groupOverage: overage }, request: input.request });
  return { sessionToken: session.token, sessionExpiresAt: session.absoluteExpiresAt, returnTo: login.return_to || homePath({ roles }) };
}
