// The one wrapper every route handler goes through: it declares what the route accepts and
// who may call it, resolves the session, applies the policy (lib/auth/policy), enforces CSRF
// on state-changing requests, parses input with zod, maps typed errors to responses, and logs
// what the client must not see.
import { z } from "zod";
import { toErrorResponse, ValidationError, PayloadTooLargeError, UnauthorizedError, ForbiddenError, NotFoundError } from "../http/errors";
import { log, describeError } from "../http/log";
import { assertCsrfSafe, CSRF_FIELD, isSafeMethod } from "./csrf";
import { hasPermission, type Permission, type Viewer } from "./policy";
import { viewerFromRequest } from "./viewer";
import { verifyWebhookSignature, type WebhookSender } from "./webhook-signature";

/** Default request body limit; routes that take uploads or webhooks raise it explicitly. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export type Access =
  /** Anyone, signed in or not: health probes, the sign-in callback. */
  | "public"
  /** Anyone signed in (sign-out, "who am I"). */
  | "signed-in"
  /** A signed-in person with the named permission (checked by lib/auth/policy). */
  | { permission: Permission }
  /** A webhook whose body carries the sender's signature (verified before the handler runs). */
  | { signedWebhook: WebhookSender };

interface RouteSpec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  access: Access;
  /** Dynamic segments ([id]) — validated like any other input. */
  params?: P;
  query?: Q;
  body?: B;
  maxBodyBytes?: number;
  handler: (input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    /** The exact bytes of a signed webhook's body (verified before the handler runs); else "". */
    rawBody: string;
    request: Request;
    /** The signed-in person; null only on public and webhook routes. */
    viewer: Viewer | null;
  }) => Promise<Response | object>;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON, or an HTML form (urlencoded) as a flat object. */
async function readBody(request: Request, limit: number): Promise<unknown> {
  const text = await readText(request, limit);
  if (text.length === 0) return undefined;
  if (request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError("Request body is not valid JSON.");
  }
}

/** Wraps a route handler; see the file comment. */
export function defineRoute<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<Q, B, P>,
): (request: Request, context?: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const webhook = typeof spec.access === "object" && "signedWebhook" in spec.access ? spec.access.signedWebhook : null;
      let viewer: Viewer | null = null;
      if (spec.access !== "public" && !webhook) {
        viewer = await viewerFromRequest(request);
        if (!viewer) throw new UnauthorizedError();
        if (typeof spec.access === "object" && "permission" in spec.access && !hasPermission(viewer, spec.access.permission)) throw new ForbiddenError();
      }
      let params: unknown = undefined;
      if (spec.params) {
        const parsed = spec.params.safeParse(await context?.params);
        // A malformed id is indistinguishable from one that does not exist.
        if (!parsed.success) throw new NotFoundError();
        params = parsed.data;
      }
      const url = new URL(request.url);
      let query: unknown = undefined;
      if (spec.query) {
        const parsed = spec.query.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) throw new ValidationError("Invalid query parameters.", issuesOf(parsed.error));
        query = parsed.data;
      }
      let body: unknown = undefined;
      let rawBody = "";
      const limit = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (webhook) {
        // The signature covers the exact bytes, so the handler gets them unparsed.
        rawBody = await readText(request, limit);
        await verifyWebhookSignature(webhook, rawBody, request.headers.get("x-hub-signature-256"));
      } else {
        const raw = spec.body || (viewer && !isSafeMethod(request.method)) ? await readBody(request, limit) : undefined;
        if (viewer && !isSafeMethod(request.method)) {
          const field = raw && typeof raw === "object" && CSRF_FIELD in raw ? (raw as Record<string, unknown>)[CSRF_FIELD] : undefined;
          assertCsrfSafe(request, viewer.csrfToken, typeof field === "string" ? field : null);
        }
        if (spec.body) {
          const parsed = spec.body.safeParse(raw);
          if (!parsed.success) throw new ValidationError("Invalid request body.", issuesOf(parsed.error));
          body = parsed.data;
        }
      }
      const result = await spec.handler({ params: params as z.infer<P>, query: query as z.infer<Q>, body: body as z.infer<B>, rawBody, request, viewer });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) log("error", "request failed", { path: new URL(request.url).pathname, ...describeError(error) });
      return Response.json(body, { status, headers: { "cache-control": "no-store" } });
    }
  };
}
