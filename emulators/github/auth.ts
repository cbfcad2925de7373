// Who is calling: GitHub's credential rules. `Authorization: token X` / `Bearer X` / Basic with the
// token as password; a PAT, an installation token (ghs_…, valid for its own org only) or a GitHub
// App JWT (RS256, iss = app id, exp at most 10 minutes after iat). `guard` is the one entry point
// routes use (REST here, GraphQL too): authenticate, spend the rate-limit budget, set headers.
import { createVerify } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { GITHUB_APP_ID } from "../core/credentials";
import { hashString } from "../core/random";
import { GitHubError, badCredentials, requiresAuthentication, sendError } from "./errors";
import { rateLimitStore, sendPrimaryRateLimit, setRateLimitHeaders, type RateResource } from "./rate-limit";

export type GitHubPrincipal =
  /** A personal access token; `orgs` are the org logins it may read ("*": all). */
  | { kind: "user"; token: string; userId: number; login: string; orgs: "*" | string[] }
  | { kind: "installation"; token: string; installationId: number; orgIndex: number }
  | { kind: "app"; appId: number }
  | { kind: "anonymous"; ip: string };

export type AuthResult = { ok: true; principal: GitHubPrincipal } | { ok: false; error: GitHubError };

const JWT_SHAPE = /^eyJ[\w-]*\.eyJ[\w-]*\.[\w-]+$/;
/** GitHub tolerates a little clock drift between the app and itself. */
const CLOCK_SKEW_S = 60;
const MAX_JWT_LIFETIME_S = 600;

/** The credential in the Authorization header, or null when there is none. */
export function credentialOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme = "", ...rest] = header.trim().split(/\s+/);
  const value = rest.join(" ");
  switch (scheme.toLowerCase()) {
    case "token":
    case "bearer":
      return value;
    case "basic": {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      return decoded.slice(decoded.indexOf(":") + 1);
    }
    default:
      return "";
  }
}

function jwtClaims(jwt: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Verifies a GitHub App JWT with the demo app's public key; the error is GitHub's wording. */
export function verifyAppJwt(ctx: EmulatorContext, jwt: string, nowMs = Date.now()): AuthResult {
  const undecodable = new GitHubError(401, "A JSON web token could not be decoded");
  const [header, payload, signature] = jwt.split(".");
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header!, "base64url").toString("utf8")) as { alg?: unknown }).alg;
  } catch {
    return { ok: false, error: undecodable };
  }
  const verifier = createVerify("RSA-SHA256").update(`${header}.${payload}`);
  if (alg !== "RS256" || !verifier.verify(ctx.keys.githubApp.publicKey, Buffer.from(signature!, "base64url"))) {
    return { ok: false, error: undecodable };
  }
  const claims = jwtClaims(jwt);
  const now = nowMs / 1000;
  const { iat, exp, iss } = claims ?? {};
  if (typeof iat !== "number" || iat > now + CLOCK_SKEW_S) {
    return { ok: false, error: new GitHubError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.") };
  }
  if (typeof exp !== "number" || exp <= now) {
    return { ok: false, error: new GitHubError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.") };
  }
  if (exp - iat > MAX_JWT_LIFETIME_S || exp > now + MAX_JWT_LIFETIME_S + CLOCK_SKEW_S) {
    return { ok: false, error: new GitHubError(401, "'Expiration time' claim ('exp') is too far in the future.") };
  }
  if (Number(iss) !== GITHUB_APP_ID) return { ok: false, error: new GitHubError(401, "Integration not found") };
  return { ok: true, principal: { kind: "app", appId: GITHUB_APP_ID } };
}

/** Resolves the caller of `request`; a missing credential is the anonymous caller. */
export function authenticate(ctx: EmulatorContext, request: FastifyRequest): AuthResult {
  const credential = credentialOf(request);
  if (credential === null) return { ok: true, principal: { kind: "anonymous", ip: request.ip } };
  if (JWT_SHAPE.test(credential)) return verifyAppJwt(ctx, credential);
  const issued = ctx.tokens.lookup(credential);
  if (issued?.kind === "github-installation") {
    const { orgIndex, installationId } = issued.data as { orgIndex: number; installationId: number };
    return { ok: true, principal: { kind: "installation", token: credential, orgIndex, installationId } };
  }
  if (issued?.kind === "github-pat") {
    const data = issued.data as { orgs?: "*" | string[] };
    // A PAT acts as the world user its subject names; other subjects (the demo's service
    // account) get a stable id of their own — the same one GraphQL reports.
    const user = ctx.world.github.users.find((u) => u.login === issued.subject);
    const userId = user?.id ?? 1_000_000 + (hashString(issued.subject) % 1_000_000);
    return { ok: true, principal: { kind: "user", token: credential, userId, login: user?.login ?? issued.subject, orgs: data.orgs ?? "*" } };
  }
  return { ok: false, error: badCredentials() };
}

/** Whether the caller may read org `orgIndex`'s private data (repos, teams, alerts). */
export function canReadOrg(ctx: EmulatorContext, principal: GitHubPrincipal, orgIndex: number): boolean {
  if (principal.kind === "installation") return principal.orgIndex === orgIndex;
  if (principal.kind !== "user") return false;
  const login = ctx.world.github.orgs[orgIndex]?.login.toLowerCase();
  return principal.orgs === "*" || principal.orgs.some((o) => o.toLowerCase() === login);
}

export interface GuardOptions {
  /** "token": PAT or installation token; "app": app JWT; "public": anyone, anonymous included. */
  auth: "token" | "app" | "public";
  /** The budget this request spends (REST: core; GraphQL: graphql). */
  resource?: RateResource;
  /** Points spent (1 for REST; GraphQL passes its computed cost). */
  cost?: number;
  /** Documentation page quoted in error bodies. */
  docs: string;
}

/**
 * Authenticates and spends budget. Returns the caller, or undefined after sending GitHub's
 * 401/403 (the caller then just returns `reply`).
 */
export function guard(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, options: GuardOptions): GitHubPrincipal | undefined {
  const result = authenticate(ctx, request);
  if (!result.ok) {
    // A request with bad credentials still spends the caller's anonymous (per-IP) budget.
    const anonymous: GitHubPrincipal = { kind: "anonymous", ip: request.ip };
    setRateLimitHeaders(reply, rateLimitStore(ctx).take(anonymous, "core"), "core");
    sendError(reply, result.error);
    return undefined;
  }
  const principal = result.principal;
  if (options.auth === "app" && principal.kind !== "app") {
    // A token where a JWT belongs: GitHub cannot decode it as one.
    sendError(reply, principal.kind === "anonymous" ? requiresAuthentication(options.docs) : new GitHubError(401, "A JSON web token could not be decoded", options.docs));
    return undefined;
  }
  if (options.auth === "token" && principal.kind === "anonymous") {
    sendError(reply, requiresAuthentication(options.docs));
    return undefined;
  }
  if (options.auth === "token" && principal.kind === "app") {
    sendError(reply, badCredentials());
    return undefined;
  }
  const resource = options.resource ?? "core";
  const window = rateLimitStore(ctx).take(principal, resource, options.cost ?? 1);
  setRateLimitHeaders(reply, window, resource);
  if (window.used > window.limit) {
    sendPrimaryRateLimit(request, reply, principal, window, resource);
    return undefined;
  }
  return principal;
}
