// application/x-www-form-urlencoded bodies, which the authorize (POST) and token endpoints
// take. Fastify parses JSON only; this adds the form parser to the Entra server alone.
import type { FastifyInstance, FastifyRequest } from "fastify";

export type Params = Record<string, string | undefined>;

export function addFormParser(app: FastifyInstance): void {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

/** The form fields of a request, or none when it did not send a form (Entra ignores JSON bodies here). */
export function formParams(request: FastifyRequest): Params {
  const type = request.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return {};
  const body = request.body;
  if (!body || typeof body !== "object") return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}
