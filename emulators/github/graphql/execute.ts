// Runs a validated query over the world: typed resolvers where the emulator models a field;
// elsewhere the schema's own shape decides (connections come back empty but still enforce
// first/last, other non-null fields get their type's zero value, nullable ones null), so any
// query GitHub accepts runs here too.
import {
  execute,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";
import { GitHubError } from "./errors";
import { dateTime } from "./model";
import { paginate, type PageArgs } from "./pagination";
import type { Args, FieldResolver, RequestContext } from "./request-context";
import { resolvers } from "./resolvers";

const byType = resolvers as unknown as Record<string, Record<string, FieldResolver<unknown>> | undefined>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function zeroValue(args: Args, ctx: RequestContext, info: GraphQLResolveInfo): unknown {
  const named = getNamedType(info.returnType);
  const list = isListType(isNonNullType(info.returnType) ? info.returnType.ofType : info.returnType);
  if (!list && isObjectType(named) && named.name.endsWith("Connection") && "nodes" in named.getFields()) return paginate([], args as PageArgs, info);
  if (!isNonNullType(info.returnType)) return null;
  if (list) return [];
  if (isEnumType(named)) return named.getValues()[0]?.name ?? null;
  if (!isScalarType(named)) return null;
  switch (named.name) {
    case "Boolean":
      return false;
    case "Int":
    case "Float":
      return 0;
    case "DateTime":
      return dateTime(ctx.world.now);
    default:
      return "";
  }
}

const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
  if (info.parentType.name === "Mutation") {
    // The emulator is read-only, as Rampart's tokens are.
    throw new GitHubError("FORBIDDEN", `Resource not accessible by ${ctx.viewer.kind === "installation" ? "integration" : "personal access token"}`);
  }
  const typeResolvers = byType[info.parentType.name];
  const resolve = typeResolvers?.[info.fieldName];
  if (resolve) return resolve(source, args, ctx, info);
  // Plain objects (connections, edges, pageInfo, parameters) carry their values as properties.
  if (!typeResolvers && isRecord(source) && info.fieldName in source) return source[info.fieldName];
  return zeroValue(args, ctx, info);
};

const typeResolver: GraphQLTypeResolver<unknown, RequestContext> = (value) =>
  isRecord(value) && typeof value.__typename === "string" ? value.__typename : undefined;

/** Executes `document` (already validated and sized) for one request. */
export async function run(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  contextValue: RequestContext,
): Promise<ExecutionResult> {
  return execute({ schema, document, variableValues: variables, operationName, contextValue, fieldResolver, typeResolver });
}
