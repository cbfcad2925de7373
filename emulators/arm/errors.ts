// ARM's error envelope, `{ "error": { "code", "message" } }`, thrown from handlers and sent
// by one error handler so every failure path answers the same way the gateway does.
import type { FastifyInstance, FastifyReply } from "fastify";

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ArmError";
  }
}

export function sendArmError(reply: FastifyReply, error: ArmError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
}

/** 404 for a subscription the caller cannot see, worded as ARM words it. */
export function subscriptionNotFound(subscriptionId: string): ArmError {
  return new ArmError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`);
}

export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`);
}

export function resourceNotFound(type: string, name: string, resourceGroup: string): ArmError {
  return new ArmError(
    404,
    "ResourceNotFound",
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** Not-found answer of the Microsoft.Security resource provider for its own child resources. */
export function securityNotFound(what: string, name: string): ArmError {
  return new ArmError(404, "NotFound", `${what} '${name}' was not found.`);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof ArmError) return sendArmError(reply, error);
    if (error.statusCode && error.statusCode < 500) return sendArmError(reply, new ArmError(error.statusCode, "BadRequest", error.message));
    return sendArmError(reply, new ArmError(500, "InternalServerError", "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id '', request correlation id ''."));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // The innermost provider segment names the type ARM could not route.
    const match = [...path.matchAll(/\/providers\/([^/]+)\/([^/]+)/gi)].pop();
    const version = (request.query as Record<string, string | undefined>)["api-version"] ?? "";
    if (match) {
      return sendArmError(reply, new ArmError(404, "InvalidResourceType", `The resource type '${match[2]}' could not be found in the namespace '${match[1]}' for api version '${version}'.`));
    }
    return sendArmError(reply, new ArmError(404, "NotFound", `The requested path '${path}' was not found.`));
  });
}
