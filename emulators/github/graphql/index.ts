// GitHub's GraphQL API (POST /graphql): authenticated like GitHub, every query validated against
// GitHub's published schema, sized and charged as GitHub sizes and charges it, then resolved
// over the world. Errors come back in GitHub's shapes and words, with HTTP 200 as GitHub sends
// them (401 for credentials, 400 for a body that is not JSON).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError, getOperationAST, getVariableValues, Kind, parse, type DocumentNode, type FragmentDefinitionNode } from "graphql";
import type { EmulatorContext } from "../../core/context";
import { analyzeQuery, isFreeQuery, nodeLimitMessage } from "./analysis";
import { authenticate, type Viewer } from "./auth";
import { formatExecutionError, type GitHubErrorJson } from "./errors";
import { run } from "./execute";
import { graphqlRateLimits, rateLimitHeaders, type GraphqlRateLimits } from "./rate-limit";
import { githubSchema } from "./schema";
import { syntaxError, validateQuery } from "./validation-errors";
import { variableErrors } from "./variables";

const DOCS = "https://docs.github.com/graphql";
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

class BodyError extends Error {
  readonly statusCode = 400;
}

interface Request {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

function readBody(body: unknown): Request | GitHubErrorJson {
  if (!isRecord(body) || typeof body.query !== "string") return { message: "A query attribute must be specified and must be a string." };
  let variables = body.variables ?? {};
  if (typeof variables === "string") {
    try {
      variables = variables.trim() ? JSON.parse(variables) : {};
    } catch {
      return { message: "Variables are invalid JSON." };
    }
  }
  if (!isRecord(variables)) return { message: "Variables are invalid JSON." };
  return { query: body.query, variables, operationName: typeof body.operationName === "string" && body.operationName ? body.operationName : undefined };
}

async function answer(ctx: EmulatorContext, limits: GraphqlRateLimits, viewer: Viewer, body: unknown, reply: FastifyReply): Promise<FastifyReply> {
  const fail = (errors: GitHubErrorJson[]) => reply.headers(rateLimitHeaders(limits.peek(viewer))).send({ errors });
  const request = readBody(body);
  if (!("query" in request)) return fail([request]);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    if (error instanceof GraphQLError) return fail([syntaxError(error)]);
    throw error;
  }
  const schema = githubSchema();
  const invalid = validateQuery(schema, document);
  if (invalid.length) return fail(invalid);
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return fail([{ message: request.operationName ? `No operation named "${request.operationName}"` : "An operation name is required" }]);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables);
  if (coerced.errors) return fail(variableErrors(coerced.errors, operation, request.variables));

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const size = analyzeQuery(schema, operation, fragments, coerced.coerced);
  if (size.overLimit) {
    const location = size.overLimit.field?.loc ? { line: size.overLimit.field.loc.startToken.line, column: size.overLimit.field.loc.startToken.column } : undefined;
    return fail([{ type: "MAX_NODE_LIMIT_EXCEEDED", ...(location ? { locations: [location] } : {}), message: nodeLimitMessage(size.overLimit) }]);
  }
  const spent = limits.spend(viewer, isFreeQuery(operation, coerced.coerced) ? 0 : size.cost);
  reply.headers(rateLimitHeaders(spent.state));
  if (!spent.allowed) {
    const message = `API rate limit ${spent.alreadyExhausted ? "already " : ""}exceeded for ${viewer.owner.type} ID ${viewer.owner.id}.`;
    return reply.send({ errors: [{ type: "RATE_LIMITED", code: "graphql_rate_limit", message }] });
  }
  const result = await run(schema, document, request.variables, request.operationName, {
    world: ctx.world,
    viewer,
    rate: { cost: size.cost, nodeCount: size.nodeCount, state: spent.state },
  });
  const errors = result.errors?.map(formatExecutionError);
  return reply.send(errors?.length ? { data: result.data ?? null, errors } : { data: result.data });
}

/** Registers POST /graphql on the GitHub emulator's server. */
export function registerGraphql(app: FastifyInstance, ctx: EmulatorContext): void {
  const limits = graphqlRateLimits(ctx);
  void app.register(async (scope) => {
    // GitHub reads the body as JSON whatever its content type says.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
      const text = String(body);
      if (!text.trim()) return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new BodyError("Problems parsing JSON"), undefined);
      }
    });
    scope.setErrorHandler((error, _request, reply) => {
      if (error instanceof BodyError) return reply.code(400).send({ message: error.message, documentation_url: DOCS, status: "400" });
      return reply.send(error);
    });
    scope.post("/graphql", async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = authenticate(ctx, request.headers.authorization);
      if (!auth.ok) return reply.code(auth.status).send(auth.body);
      return answer(ctx, limits, auth.viewer, request.body, reply);
    });
  });
}

export { graphqlRateLimits } from "./rate-limit";
