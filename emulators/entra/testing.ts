// Helpers for the Entra emulator's tests: MSAL clients configured the way README.md says, and
// the browser's part of the authorization code flow done with fetch (automatic mode).
import { ConfidentialClientApplication, CryptoProvider, type AuthenticationResult, type Configuration } from "@azure/msal-node";
import { expect } from "vitest";
import type { Endpoints } from "../start";

export const REDIRECT_URI = "http://localhost:3000/api/auth/callback";
export const SIGN_IN_SCOPES = ["User.Read"];

/** The MSAL configuration README.md documents: authority + knownAuthorities, nothing else. */
export function msalClient(endpoints: Endpoints, auth: Partial<Configuration["auth"]> = {}): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: endpoints.entraClient.clientId,
      clientSecret: endpoints.entraClient.clientSecret,
      authority: endpoints.entra,
      knownAuthorities: [endpoints.entraBase],
      ...auth,
    },
  });
}

export interface StartedSignIn {
  authorizeUrl: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** Step 1: MSAL builds the authorize URL with PKCE (S256), state and nonce. */
export async function startSignIn(client: ConfidentialClientApplication, loginHint?: string, scopes = SIGN_IN_SCOPES): Promise<StartedSignIn> {
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const state = crypto.createNewGuid();
  const nonce = crypto.createNewGuid();
  const authorizeUrl = await client.getAuthCodeUrl({ scopes, redirectUri: REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: "S256", state, nonce, loginHint });
  return { authorizeUrl, verifier, state, nonce };
}

/** Step 2 (the browser): follows the authorize URL; expects the redirect back with a code. */
export async function followAuthorize(url: string, init: RequestInit = {}): Promise<URL> {
  const response = await fetch(url, { redirect: "manual", ...init });
  expect(response.status, await response.clone().text()).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(REDIRECT_URI);
  return location;
}

/** The whole flow in automatic mode: login_hint signs `hint` in, MSAL redeems the code. */
export async function signIn(client: ConfidentialClientApplication, hint: string, scopes = SIGN_IN_SCOPES): Promise<AuthenticationResult & { started: StartedSignIn }> {
  const started = await startSignIn(client, hint, scopes);
  const back = await followAuthorize(started.authorizeUrl);
  expect(back.searchParams.get("state")).toBe(started.state);
  const code = back.searchParams.get("code")!;
  const result = await client.acquireTokenByCode(
    { code, scopes, redirectUri: REDIRECT_URI, codeVerifier: started.verifier, state: started.state, nonce: started.nonce },
    { code, state: back.searchParams.get("state") ?? undefined },
  );
  return { ...result, started };
}

/** Decodes a JWT's payload without verifying it (the tests verify separately). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
