// GitHub's GraphQL API (POST /graphql): queries validated against GitHub's public schema and
// resolved over the world.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";

/** Registers POST /graphql on the GitHub emulator's server. */
export function registerGraphql(app: FastifyInstance, ctx: EmulatorContext): void {
  void ctx;
  app.post("/graphql", async (_request, reply) => reply.code(501).send({ message: "Not implemented yet" }));
}
