// What every resolver of one request sees: the world, who is asking, and what the query costs.
import type { GraphQLResolveInfo } from "graphql";
import type { World } from "../../world/world";
import type { Viewer } from "./auth";
import type { SourceOf, TypeName } from "./model";
import type { RateLimitState } from "./rate-limit";

export interface RequestContext {
  world: World;
  viewer: Viewer;
  rate: { cost: number; nodeCount: number; state: RateLimitState };
}

/** Arguments arrive coerced to the schema's types by graphql-js; resolvers read them by name. */
export type Args = Record<string, unknown>;

export type FieldResolver<S> = (source: S, args: Args, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

export type TypeResolvers<T extends TypeName> = Record<string, FieldResolver<SourceOf<T>>>;

export type ResolverMap = { [T in TypeName]?: TypeResolvers<T> } & { Query?: Record<string, FieldResolver<unknown>> };

export const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
export const bool = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);
