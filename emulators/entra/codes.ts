// Authorization codes and refresh tokens: opaque random strings mapped to what they grant.
// Codes are single-use, live ten minutes (Entra: "typically about 10 minutes") and are bound to
// the client, redirect URI and PKCE challenge; a redeemed code is remembered until it would
// have expired so a replay gets AADSTS54005 rather than "unknown".
import { randomBytes } from "node:crypto";
import type { SignedInUser } from "./directory";
import type { OidcScope } from "./scopes";

export const CODE_LIFETIME_MS = 10 * 60_000;
/** Entra refresh tokens for web apps: 90 days, sliding. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;

export interface Authentication extends SignedInUser {
  /** Seconds since the epoch, as `auth_time` would carry it. */
  authTime: number;
}

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  /** The authorize request's scope parameter, re-read at redemption when the token request has none. */
  scope: string;
  oidc: OidcScope[];
  nonce: string | undefined;
  codeChallenge: string;
  user: Authentication;
}

export interface RefreshGrant {
  clientId: string;
  scope: string;
  oidc: OidcScope[];
  user: Authentication;
}

export type Lookup<T> = { kind: "ok"; grant: T } | { kind: "unknown" } | { kind: "expired" } | { kind: "redeemed" };

interface Stored<T> {
  grant: T;
  expiresAt: number;
  redeemed: boolean;
}

function opaque(prefix: string, bytes: number): string {
  // Entra's codes and refresh tokens are long opaque strings starting "1.A…" / "0.A…".
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

export class GrantStore {
  private readonly codes = new Map<string, Stored<CodeGrant>>();
  private readonly refreshTokens = new Map<string, Stored<RefreshGrant>>();
  private issued = 0;

  issueCode(grant: CodeGrant, now = Date.now()): string {
    this.sweep(now);
    const code = opaque("1.A", 96);
    this.codes.set(code, { grant, expiresAt: now + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  /** Looks a code up and marks it used: any redemption attempt burns it, as it should. */
  redeemCode(code: string, now = Date.now()): Lookup<CodeGrant> {
    const stored = this.codes.get(code);
    if (!stored) return { kind: "unknown" };
    if (stored.expiresAt <= now) return { kind: "expired" };
    if (stored.redeemed) return { kind: "redeemed" };
    stored.redeemed = true;
    return { kind: "ok", grant: stored.grant };
  }

  issueRefreshToken(grant: RefreshGrant, now = Date.now()): string {
    this.sweep(now);
    const token = opaque("0.A", 192);
    this.refreshTokens.set(token, { grant, expiresAt: now + REFRESH_TOKEN_LIFETIME_MS, redeemed: false });
    return token;
  }

  /** Refresh tokens stay valid after use (Entra does not revoke the old one on rotation). */
  refresh(token: string, now = Date.now()): Lookup<RefreshGrant> {
    const stored = this.refreshTokens.get(token);
    if (!stored) return { kind: "unknown" };
    if (stored.expiresAt <= now) return { kind: "expired" };
    stored.expiresAt = now + REFRESH_TOKEN_LIFETIME_MS;
    return { kind: "ok", grant: stored.grant };
  }

  /** Test hook for the expiry paths: moves every code's and refresh token's expiry into the past. */
  expireAll(): void {
    for (const stored of [...this.codes.values(), ...this.refreshTokens.values()]) stored.expiresAt = 0;
  }

  private sweep(now: number): void {
    // Expired grants are kept a while so late use still reads "expired", then dropped.
    if (++this.issued % 256 !== 0) return;
    const horizon = now - CODE_LIFETIME_MS;
    for (const [k, v] of this.codes) if (v.expiresAt < horizon) this.codes.delete(k);
    for (const [k, v] of this.refreshTokens) if (v.expiresAt < horizon) this.refreshTokens.delete(k);
  }
}
