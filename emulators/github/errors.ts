// GitHub's error bodies, worded as GitHub words them. Routes throw GitHubError; the emulator's
// error handler turns it into `{ message, documentation_url, status }` (status as a string, as
// GitHub sends it since 2023).
import type { FastifyReply } from "fastify";

export const REST_DOCS = "https://docs.github.com/rest";

export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl: string = REST_DOCS,
    /** Extra fields of the body (e.g. `errors` of a validation failure). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string, documentationUrl: string = REST_DOCS, extra: Record<string, unknown> = {}) {
  return { message, documentation_url: documentationUrl, ...extra, status: String(status) };
}

export function sendError(reply: FastifyReply, error: GitHubError): FastifyReply {
  return reply.code(error.status).send(errorBody(error.status, error.message, error.documentationUrl, error.extra));
}

export const notFound = (docs: string = REST_DOCS) => new GitHubError(404, "Not Found", docs);
export const badCredentials = () => new GitHubError(401, "Bad credentials");
export const requiresAuthentication = (docs: string = REST_DOCS) => new GitHubError(401, "Requires authentication", docs);
export const notAccessibleByIntegration = (docs: string) => new GitHubError(403, "Resource not accessible by integration", docs);

/** 422 in the `validation-error-simple` shape (`errors` as plain strings). */
export const validationFailed = (docs: string, errors: string[]) => new GitHubError(422, "Validation Failed", docs, { errors });

/** 400 for a request GitHub refuses outright (e.g. `page` on a cursor-only endpoint). */
export const badRequest = (docs: string, message: string) => new GitHubError(400, message, docs);
