// Errors the way the Microsoft identity platform words them: an OAuth `error`, an AADSTS code
// and message, and the trace/correlation ids clients log. One catalog, so the authorize page,
// the redirect errors and the token endpoint never disagree about a code.
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

export class AadstsError extends Error {
  constructor(
    /** HTTP status at the token endpoint (the authorize endpoint redirects or renders instead). */
    readonly status: number,
    /** The OAuth 2.0 error code: invalid_request, invalid_grant, invalid_client, … */
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = "AadstsError";
  }
}

const fail = (status: number, error: string, code: number, description: string) => new AadstsError(status, error, code, description);

/** The errors this emulator returns, named by what went wrong. */
export const aadsts = {
  /** The metadata endpoints say invalid_tenant; the OAuth endpoints invalid_request. */
  tenantNotFound: (tenant: string, error = "invalid_request") =>
    fail(400, error, 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`),
  noTenantInformation: () => fail(400, "invalid_request", 50059, "No tenant-identifying information found in either the request or implied by any provided credentials."),
  missingParameter: (name: string) => fail(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  redirectUriMismatch: (redirectUri: string, clientId: string) =>
    fail(400, "invalid_request", 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`),
  noReplyAddress: () => fail(400, "invalid_request", 500113, "No reply address is registered for the application."),
  unsupportedResponseType: (responseType: string) =>
    responseType.split(" ").includes("token")
      ? fail(400, "unsupported_response_type", 700051, "response_type 'token' is not enabled for the application.")
      : responseType.split(" ").includes("id_token")
        ? fail(400, "unsupported_response_type", 700054, "response_type 'id_token' is not enabled for the application.")
        : fail(400, "unsupported_response_type", 70005, `response_type '${responseType}' is not supported.`),
  invalidScope: (scope: string) => fail(400, "invalid_scope", 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`),
  moreThanOneResource: (scope: string) =>
    fail(400, "invalid_scope", 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`),
  clientCredentialsNeedDefault: (scope: string) =>
    fail(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  resourceNotFound: (resource: string, tenant: string) =>
    fail(400, "invalid_resource", 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
  codeChallengeMethod: () => fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'code_challenge_method' with the value 'S256'."),
  codeChallengeSize: () => fail(400, "invalid_request", 501491, "Invalid size of Code_Challenge parameter."),
  loginRequired: () => fail(400, "login_required", 50058, "A silent sign-in request was sent but no user is signed in."),
  missingClientCredential: () => fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidClientSecret: (clientId: string) =>
    fail(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`),
  assertionMalformed: () => fail(401, "invalid_client", 50027, "JWT token is invalid or malformed."),
  assertionSignature: (thumbprint: string) =>
    fail(401, "invalid_client", 700027, `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`),
  assertionClientMismatch: () => fail(401, "invalid_client", 700021, "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionAudience: () => fail(401, "invalid_client", 50012, "Client assertion audience claim does not match Realm issuer."),
  assertionTime: () => fail(401, "invalid_client", 700024, "Client assertion is not within its valid time range."),
  unsupportedGrantType: (grantType: string) => fail(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`),
  malformedGrant: () => fail(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  expiredGrant: () =>
    fail(400, "invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
  codeRedeemed: () => fail(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
  grantForAnotherClient: () => fail(400, "invalid_grant", 70000, "Provided grant is invalid or malformed."),
  codeRedirectMismatch: (given: string, original: string) =>
    fail(400, "invalid_grant", 50011, `The reply address '${given}' does not match the reply address '${original}' provided when requesting Authorization code.`),
  pkceMismatch: () => fail(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
  throttled: () => fail(429, "temporarily_unavailable", 50196, "The server terminated an operation because it encountered a client request loop. Please contact your app vendor."),
} as const;

/** Entra's timestamp format: "2026-11-01 09:15:02Z". */
export function entraTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** The correlation id Entra echoes: the client's `client-request-id` when it sent one. */
export function correlationIdOf(request: FastifyRequest, params?: Record<string, string | undefined>): string {
  const header = request.headers["client-request-id"];
  return (typeof header === "string" && header) || params?.["client-request-id"] || randomUUID();
}

export interface AadstsBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** The JSON body of a failed token request. */
export function aadstsBody(failure: AadstsError, entraBase: string, correlationId: string): AadstsBody {
  const timestamp = entraTimestamp();
  const traceId = randomUUID();
  return {
    error: failure.error,
    // Entra appends the ids to the description too; clients print the description.
    error_description: `${failure.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${entraBase}/error?code=${failure.code}`,
  };
}

/** Sends a token-endpoint failure with the headers Entra sends. */
export function sendAadsts(request: FastifyRequest, reply: FastifyReply, failure: AadstsError, entraBase: string, params?: Record<string, string | undefined>): FastifyReply {
  const correlationId = correlationIdOf(request, params);
  const body = aadstsBody(failure, entraBase, correlationId);
  if (failure.status === 401) reply.header("www-authenticate", `Basic realm="${entraBase}"`);
  return reply
    .code(failure.status)
    .header("cache-control", "no-store, no-cache")
    .header("pragma", "no-cache")
    .header("x-ms-request-id", body.trace_id)
    .header("client-request-id", correlationId)
    .send(body);
}

/** Microsoft Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphErrorBody(code: string, message: string, requestId: string = randomUUID()) {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), "request-id": requestId, "client-request-id": requestId },
    },
  };
}
