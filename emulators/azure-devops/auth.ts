// Azure DevOps authentication: a PAT as the password of Basic auth (any user name), or an Entra
// bearer token for the Azure DevOps resource. Anything else gets the 401 the REST API gives a
// client that says it wants no sign-in redirect, with the same challenge headers.
import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { AUDIENCES, InvalidTokenError, bearer, verifyEntraToken } from "../core/entra-tokens";
import { Rng } from "../core/random";
import { VssError } from "./errors";

export interface AdoIdentity {
  /** Who the usage limits are charged to: the PAT's owner or the token's object id. */
  id: string;
  kind: "pat" | "bearer";
}

const identities = new WeakMap<FastifyRequest, AdoIdentity>();

export function identityOf(request: FastifyRequest): AdoIdentity | undefined {
  return identities.get(request);
}

function challengeHeaders(ctx: EmulatorContext): Record<string, string | string[]> {
  const authority = ctx.urls.entra ? `${ctx.urls.entra}/${ctx.world.entra.tenantId}` : `https://login.microsoftonline.com/${ctx.world.entra.tenantId}`;
  const realm = `${ctx.urls.azureDevOps}/`;
  return {
    "www-authenticate": [`Bearer authorization_uri=${authority}`, `Basic realm="${realm}"`, "TFS-Federated"],
    "x-tfs-fedauthrealm": realm,
    "x-tfs-fedauthissuer": realm,
    "x-vss-resourcetenant": ctx.world.entra.tenantId,
    "x-tfs-processid": Rng.of(ctx.world.seed, "ado-process").uuid(),
  };
}

function unauthorized(ctx: EmulatorContext, message: string): VssError {
  return new VssError(401, "UnauthorizedRequestException", message, challengeHeaders(ctx), "Microsoft.TeamFoundation.Framework.Server");
}

function patOf(header: string): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}

/** Authenticates the request for `organization`; throws the service's 401 otherwise. */
export async function authenticate(ctx: EmulatorContext, request: FastifyRequest, organization: string | undefined): Promise<AdoIdentity> {
  const header = request.headers.authorization;
  if (!header) throw unauthorized(ctx, "TF400813: Resource not available for anonymous access. Client authentication required.");
  const pat = patOf(header);
  if (pat !== undefined) {
    const token = ctx.tokens.lookup(pat);
    const orgs = token?.data.orgs;
    const allowed = orgs === "*" || (Array.isArray(orgs) && organization !== undefined && orgs.some((o) => String(o).toLowerCase() === organization.toLowerCase()));
    if (token?.kind === "ado-pat" && (allowed || organization === undefined)) {
      const identity: AdoIdentity = { id: token.subject, kind: "pat" };
      identities.set(request, identity);
      return identity;
    }
    throw unauthorized(ctx, "TF400813: The user '' is not authorized to access this resource.");
  }
  const token = bearer(header);
  if (!token) throw unauthorized(ctx, "TF400813: Resource not available for anonymous access. Client authentication required.");
  try {
    const claims = await verifyEntraToken(ctx, token, AUDIENCES.azureDevOps);
    const identity: AdoIdentity = { id: String(claims.oid ?? claims.sub ?? ""), kind: "bearer" };
    identities.set(request, identity);
    return identity;
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    const message = error.reason === "expired" ? "TF400813: The user '' is not authorized to access this resource. The access token has expired." : "TF400813: The user '' is not authorized to access this resource.";
    throw unauthorized(ctx, message);
  }
}
