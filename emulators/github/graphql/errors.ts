// GitHub's GraphQL error shapes. Execution errors carry a top-level `type` (NOT_FOUND,
// FORBIDDEN, EXCESSIVE_PAGINATION…) beside path, locations and message; validation errors carry
// `extensions.code` instead. Both arrive with HTTP 200.
import type { GraphQLError } from "graphql";

export interface GitHubErrorJson {
  type?: string;
  code?: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: { line: number; column: number }[];
  message: string;
}

/** An error a resolver raises the way GitHub's platform raises it: a type and GitHub's message. */
export class GitHubError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string): GitHubError => new GitHubError("NOT_FOUND", message);

/** Formats an error from execution as GitHub serializes it. */
export function formatExecutionError(error: GraphQLError): GitHubErrorJson {
  const locations = error.locations ? [...error.locations] : undefined;
  if (error.originalError instanceof GitHubError) {
    return { type: error.originalError.type, path: error.path, locations, message: error.originalError.message };
  }
  return { path: error.path, locations, message: error.message };
}
