// GitHub's public GraphQL schema, exactly as @octokit/graphql-schema publishes it. Built once
// per process from the introspection JSON: the SDL defines two fields twice, so plain
// buildSchema(sdl) throws, and the introspection form builds ~4x faster anyway.
import { schema as published } from "@octokit/graphql-schema";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

let built: GraphQLSchema | undefined;

/** The GitHub schema every query is validated and executed against. */
export function githubSchema(): GraphQLSchema {
  built ??= buildClientSchema(published.json as IntrospectionQuery);
  return built;
}
