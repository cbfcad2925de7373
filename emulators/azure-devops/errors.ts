// Azure DevOps' error envelope: the serialized VssServiceException
// ({ $id, innerException, message, typeName, typeKey, errorCode, eventId }), thrown from
// handlers and sent by one error handler.
import type { FastifyInstance, FastifyReply } from "fastify";

export class VssError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    message: string,
    readonly headers: Record<string, string | string[]> = {},
    readonly namespace = "Microsoft.VisualStudio.Services.WebApi",
    readonly eventId = 3000,
  ) {
    super(message);
    this.name = "VssError";
  }
}

export function sendVssError(reply: FastifyReply, error: VssError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).send({
    $id: "1",
    innerException: null,
    message: error.message,
    typeName: `${error.namespace}.${error.typeKey}, ${error.namespace}`,
    typeKey: error.typeKey,
    errorCode: 0,
    eventId: error.eventId,
  });
}

export function badRequest(message: string): VssError {
  return new VssError(400, "ArgumentException", message, {}, "System", 0);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (error instanceof VssError) return sendVssError(reply, error);
    if (error.statusCode && error.statusCode < 500) return sendVssError(reply, badRequest(error.message));
    return sendVssError(reply, new VssError(500, "VssServiceException", "TF400898: An Internal Error Occurred."));
  });
  // Unknown routes get the service's plain 404 for an unrecognised API path.
  app.setNotFoundHandler((request, reply) =>
    sendVssError(reply, new VssError(404, "VssResourceNotFoundException", `The requested resource was not found: ${request.url.split("?")[0] ?? ""}`)),
  );
}
