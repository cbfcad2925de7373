// Bearer authentication as the ARM gateway does it: a token the Entra emulator issued for the
// management audience, else 401 with ARM's codes, messages and WWW-Authenticate challenge.
import type { FastifyRequest } from "fastify";
import { decodeJwt } from "jose";
import type { EmulatorContext } from "../core/context";
import { AUDIENCES, InvalidTokenError, bearer, verifyEntraToken } from "../core/entra-tokens";
import { ArmError } from "./errors";

export interface ArmPrincipal {
  /** Object id of the caller (user or service principal). */
  oid: string;
  tenantId: string;
  appId: string | null;
}

const principals = new WeakMap<FastifyRequest, ArmPrincipal>();

/** The authenticated caller of a request that passed `authenticate`. */
export function principalOf(request: FastifyRequest): ArmPrincipal | undefined {
  return principals.get(request);
}

/** ARM's accepted audiences, listed as its InvalidAuthenticationTokenAudience message lists them. */
const AUDIENCE_LIST = "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'";

/** "3/19/2023 8:55:46 AM", the .NET general date format ARM's expiry message uses. */
function dotnetUtc(seconds: number): string {
  const d = new Date(seconds * 1000);
  const hours = d.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hours}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? "AM" : "PM"}`;
}

function challenge(ctx: EmulatorContext, description: string): Record<string, string> {
  const authority = ctx.urls.entra ? `${ctx.urls.entra}/${ctx.world.entra.tenantId}` : "https://login.windows.net/";
  return {
    "www-authenticate": `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${description}"`,
    "x-ms-failure-cause": "gateway",
  };
}

function unauthorized(ctx: EmulatorContext, code: string, message: string, description: string): ArmError {
  return new ArmError(401, code, message, challenge(ctx, description));
}

/** Verifies the request's bearer token; throws the ArmError ARM would answer with. */
export async function authenticate(ctx: EmulatorContext, request: FastifyRequest): Promise<ArmPrincipal> {
  const header = request.headers.authorization;
  if (!header) {
    throw unauthorized(ctx, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", "The authentication failed because of missing 'Authorization' header.");
  }
  const token = bearer(header);
  if (!token) {
    throw unauthorized(ctx, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.", "The authentication failed because of invalid 'Authorization' header format.");
  }
  try {
    const claims = await verifyEntraToken(ctx, token, AUDIENCES.arm);
    const principal: ArmPrincipal = {
      oid: typeof claims.oid === "string" ? claims.oid : String(claims.sub ?? ""),
      tenantId: typeof claims.tid === "string" ? claims.tid : ctx.world.entra.tenantId,
      appId: typeof claims.appid === "string" ? claims.appid : typeof claims.azp === "string" ? claims.azp : null,
    };
    principals.set(request, principal);
    return principal;
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    if (error.reason === "expired") {
      const exp = decodeJwt(token).exp ?? 0;
      throw unauthorized(
        ctx,
        "ExpiredAuthenticationToken",
        `The access token expiry UTC time '${dotnetUtc(exp)}' is earlier than current UTC time '${dotnetUtc(Math.floor(Date.now() / 1000))}'.`,
        "The access token has expired.",
      );
    }
    if (error.reason === "audience") {
      const aud = decodeJwt(token).aud;
      throw unauthorized(
        ctx,
        "InvalidAuthenticationTokenAudience",
        `The access token has been obtained for wrong audience or resource '${Array.isArray(aud) ? aud.join(",") : (aud ?? "")}'. It should exactly match with one of the allowed audiences ${AUDIENCE_LIST}.`,
        "The access token has been obtained for wrong audience or resource.",
      );
    }
    throw unauthorized(ctx, "InvalidAuthenticationToken", "The access token is invalid.", "The access token is invalid.");
  }
}
