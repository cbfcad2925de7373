// Client authentication at the token endpoint: client_secret (form or HTTP Basic) or a
// private_key_jwt client assertion signed with a certificate registered on the app.
import type { FastifyRequest } from "fastify";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import type { ClientAuthMethod } from "./claims";
import type { Application, Directory } from "./directory";
import { aadsts } from "./errors";
import type { Params } from "./form";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface AuthenticatedClient {
  app: Application;
  method: ClientAuthMethod;
}

function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both halves are form-urlencoded before encoding.
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function thumbprintHex(header: Record<string, unknown>): { sha256?: string; sha1?: string } {
  const hex = (value: unknown) => (typeof value === "string" ? Buffer.from(value, "base64url").toString("hex") : undefined);
  return { sha256: hex(header["x5t#S256"]), sha1: hex(header.x5t) };
}

async function verifyAssertion(app: Application, assertion: string, audiences: string[]): Promise<void> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    throw aadsts.assertionMalformed();
  }
  const thumbprint = thumbprintHex(header);
  const certificate = app.certificates.find((c) => c.thumbprintSha256 === thumbprint.sha256 || c.thumbprintSha1 === thumbprint.sha1);
  if (!certificate) throw aadsts.assertionSignature((thumbprint.sha1 ?? thumbprint.sha256 ?? "").toUpperCase());
  try {
    const { payload } = await jwtVerify(assertion, certificate.publicKey, { algorithms: ["RS256", "PS256"], clockTolerance: 300 });
    if (payload.iss !== app.clientId || payload.sub !== app.clientId) throw aadsts.assertionClientMismatch();
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.some((a) => a !== undefined && audiences.includes(a))) throw aadsts.assertionAudience();
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) throw aadsts.assertionTime();
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw aadsts.assertionSignature(certificate.thumbprintSha1.toUpperCase());
    if (error instanceof joseErrors.JOSEError) throw aadsts.assertionMalformed();
    throw error;
  }
}

/**
 * Authenticates the client of a token request; throws the AADSTS error Entra would send.
 * `audiences` are the URLs a client assertion may name (the token endpoint, the issuer).
 */
export async function authenticateClient(directory: Directory, request: FastifyRequest, params: Params, tenant: string, audiences: string[]): Promise<AuthenticatedClient> {
  const basic = basicCredentials(request);
  const clientId = params.client_id ?? basic?.id;
  if (!clientId) throw aadsts.missingParameter("client_id");
  const app = directory.application(clientId);
  if (!app) throw aadsts.unknownClient(clientId, tenant);

  if (params.client_assertion) {
    if (params.client_assertion_type !== JWT_BEARER) throw aadsts.missingParameter("client_assertion_type");
    await verifyAssertion(app, params.client_assertion, audiences);
    return { app, method: "certificate" };
  }
  const secret = params.client_secret ?? (basic && basic.id === clientId ? basic.secret : undefined);
  if (!secret) throw aadsts.missingClientCredential();
  if (!directory.secretMatches(app, secret)) throw aadsts.invalidClientSecret(app.clientId);
  return { app, method: "secret" };
}
