// Tokens the Entra emulator issues and the resource emulators (ARM, Azure DevOps, Graph)
// accept: RS256 JWTs signed with the shared Entra key. One module so issuer and verifiers
// can never disagree about issuer, audience or key.
import { SignJWT, jwtVerify, type JWTPayload } from "jose";
import type { EmulatorContext } from "./context";

/** Resource audiences, as the real services' tokens carry them. */
export const AUDIENCES = {
  arm: ["https://management.azure.com", "https://management.azure.com/", "https://management.core.windows.net/"],
  azureDevOps: ["499b84ac-1321-427f-aa17-267ca6975798"],
  graph: ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"],
} as const;

/** The audience a `<resource>/.default` scope yields (what Entra puts in `aud`). */
export function audienceForScope(scope: string): string {
  const resource = scope.replace(/\/\.default$/, "").replace(/\/$/, "");
  if (resource === "https://management.azure.com" || resource === "https://management.core.windows.net") return "https://management.azure.com";
  if (resource === "499b84ac-1321-427f-aa17-267ca6975798" || resource === "https://app.vssps.visualstudio.com") return AUDIENCES.azureDevOps[0];
  if (resource === "https://graph.microsoft.com") return "https://graph.microsoft.com";
  return resource;
}

/** The v2.0 issuer of the emulated tenant: `<entra base>/<tenant>/v2.0`, as login.microsoftonline.com does. */
export function issuerV2(ctx: EmulatorContext): string {
  return `${ctx.urls.entra}/${ctx.world.entra.tenantId}/v2.0`;
}

/** Signs a token with the tenant key; `claims` must include aud and sub. */
export async function signEntraToken(ctx: EmulatorContext, claims: JWTPayload, expiresInSeconds = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: ctx.world.entra.tenantId, ver: "2.0", ...claims })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: ctx.keys.entra.kid })
    .setIssuer(issuerV2(ctx))
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + expiresInSeconds)
    .sign(ctx.keys.entra.privateKey);
}

export class InvalidTokenError extends Error {
  constructor(
    message: string,
    /** "expired" lets ARM answer ExpiredAuthenticationToken as the real one does. */
    readonly reason: "missing" | "malformed" | "expired" | "audience" | "signature",
  ) {
    super(message);
    this.name = "InvalidTokenError";
  }
}

/** Verifies a bearer token for one of `audiences`; throws InvalidTokenError saying why not. */
export async function verifyEntraToken(ctx: EmulatorContext, token: string | undefined, audiences: readonly string[]): Promise<JWTPayload> {
  if (!token) throw new InvalidTokenError("No bearer token", "missing");
  try {
    const { payload } = await jwtVerify(token, ctx.keys.entra.publicKey, { issuer: issuerV2(ctx), algorithms: ["RS256"] });
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.some((a) => a !== undefined && audiences.includes(a))) throw new InvalidTokenError(`Audience ${aud.join(",")} is not accepted here`, "audience");
    return payload;
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWT_EXPIRED") throw new InvalidTokenError("The token is expired", "expired");
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") throw new InvalidTokenError("Invalid signature", "signature");
    throw new InvalidTokenError(`Malformed token: ${(error as Error).message}`, "malformed");
  }
}

/** The bearer token of an Authorization header, if it has one. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1];
}
