// Who is calling Microsoft Graph and what they may read: bearer tokens checked with the shared
// verifier for Graph's audience, then the permission Graph's docs name for each operation —
// app roles for app-only tokens, delegated scopes (or "it is me") for user tokens.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { JWTPayload } from "jose";
import { AUDIENCES, InvalidTokenError, bearer, verifyEntraToken } from "../core/entra-tokens";
import { graphErrorBody } from "./errors";
import type { EntraState } from "./state";

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export const graphErrors = {
  notFound: (id: string) => new GraphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  forbidden: () => new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
  meNeedsUser: () => new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow."),
  badRequest: (message: string) => new GraphError(400, "Request_BadRequest", message),
};

export interface GraphCaller {
  token: JWTPayload;
  /** The signed-in user's index for delegated tokens; null for app-only ones. */
  userIndex: number | null;
  scopes: string[];
  roles: string[];
}

const INVALID_TOKEN_MESSAGES: Record<InvalidTokenError["reason"], string> = {
  missing: "Access token is empty.",
  malformed: "IDX14100: JWT is not well formed, there are no dots (.).",
  expired: "Lifetime validation failed, the token is expired.",
  audience: "Access token validation failure. Invalid audience.",
  signature: "Access token validation failure.",
};

/** The caller of a Graph request; throws GraphError 401 for a missing or bad token. */
export async function graphCaller(state: EntraState, request: FastifyRequest): Promise<GraphCaller> {
  let token: JWTPayload;
  try {
    token = await verifyEntraToken(state.ctx, bearer(request.headers.authorization), AUDIENCES.graph);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new GraphError(401, "InvalidAuthenticationToken", INVALID_TOKEN_MESSAGES[error.reason]);
    throw error;
  }
  const scopes = typeof token.scp === "string" ? token.scp.split(" ") : [];
  const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is string => typeof r === "string") : [];
  const delegated = token.idtyp === "user" || scopes.length > 0;
  const userIndex = delegated && typeof token.oid === "string" ? state.directory.userIndexOfObjectId(token.oid) : -1;
  if (delegated && userIndex < 0) throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure.");
  return { token, userIndex: delegated ? userIndex : null, scopes, roles };
}

/**
 * Throws 403 unless the caller holds one of `permissions` (as an app role when app-only, as
 * a delegated scope otherwise) or, when `self` is given, is that user with any delegated scope.
 */
export function requirePermission(caller: GraphCaller, permissions: string[], self?: number): void {
  if (caller.userIndex === null) {
    if (caller.roles.some((r) => permissions.includes(r))) return;
    throw graphErrors.forbidden();
  }
  if (self !== undefined && self === caller.userIndex && caller.scopes.length > 0) return;
  if (caller.scopes.some((s) => permissions.includes(s))) return;
  throw graphErrors.forbidden();
}

/** Sends a GraphError in Graph's shape, with the challenge Graph sends on 401. */
export function sendGraphError(state: EntraState, request: FastifyRequest, reply: FastifyReply, error: GraphError): FastifyReply {
  const requestId = typeof request.headers["client-request-id"] === "string" ? request.headers["client-request-id"] : undefined;
  if (error.status === 401) {
    reply.header("www-authenticate", `Bearer realm="", authorization_uri="${state.ctx.urls.entra}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`);
  }
  return reply.code(error.status).send(graphErrorBody(error.code, error.message, requestId));
}
