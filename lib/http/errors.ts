// Typed errors. Code anywhere in lib/ throws these; the route wrapper maps them to
// `{ error: { code, message } }` with the matching status, once.

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** Safe to show the caller; internal detail stays in the log. */
  readonly expose: boolean = true;
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = "validation_failed";
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "unauthenticated";
  constructor(message = "Sign in to continue.") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message = "You do not have access to this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "payload_too_large";
  constructor(limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes.`);
    this.name = "PayloadTooLargeError";
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = "service_unavailable";
  constructor(message = "A dependency is unavailable; try again shortly.") {
    super(message);
    this.name = "ServiceUnavailableError";
  }
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** The response status and body for any thrown value; unknown errors become a bare 500. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error instanceof ValidationError && error.issues.length > 0) body.error.issues = error.issues;
    return { status: error.status, body };
  }
  return { status: 500, body: { error: { code: "internal_error", message: "Something went wrong." } } };
}
