// Before a query runs, GitHub sizes it from its first/last/ids arguments alone
// (https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api):
//   - nodes: each connection may return `first` (or `last`) times as many nodes as its parent
//     connection did; the sum over the query must stay within 500,000;
//   - cost: each connection needs one request per parent node; the sum of requests, divided
//     by 100 and rounded, is the query's point cost (at least 1).
// Where a selection branches on type (`nodes(ids:) { ... on A {…} ... on B {…} }`) only the
// dearest branch counts, as a node can only be one of them.
import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { shouldInclude } from "./selection";

export const MAX_NODE_LIMIT = 500_000;

interface CountedField {
  node: FieldNode;
  count: number;
  children: Entry[];
}

/** A counted field, tagged with the type condition it sits under relative to its counted parent. */
interface Entry {
  condition: string | undefined;
  field: CountedField;
}

export interface QueryAnalysis {
  /** The most nodes the query may return (RateLimit.nodeCount). */
  nodeCount: number;
  /** Requests GitHub would need to serve it. */
  requestCount: number;
  /** Points: requests / 100, rounded, at least 1 (RateLimit.cost). */
  cost: number;
  /** Set when the node limit is exceeded. */
  overLimit: { field: FieldNode | undefined; nodeCount: number } | undefined;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function countOf(walk: Walk, parent: GraphQLNamedType, node: FieldNode): { count: number | undefined; type: GraphQLNamedType | undefined } {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return { count: undefined, type: undefined };
  const definition = parent.getFields()[node.name.value];
  if (!definition) return { count: undefined, type: undefined };
  const type = getNamedType(definition.type);
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, node, walk.variables);
  } catch {
    return { count: undefined, type };
  }
  const count = args.first ?? args.last ?? (Array.isArray(args.ids) ? args.ids.length : undefined);
  return { count: typeof count === "number" ? Math.max(0, count) : undefined, type };
}

function collect(walk: Walk, set: SelectionSetNode, parent: GraphQLNamedType, condition: string | undefined, seen: Set<string>): Entry[] {
  const entries: Entry[] = [];
  for (const selection of set.selections) {
    if (!shouldInclude(selection, walk.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      const { count, type } = countOf(walk, parent, selection);
      const below = selection.selectionSet && type ? collect(walk, selection.selectionSet, type, undefined, seen) : [];
      if (count !== undefined) entries.push({ condition, field: { node: selection, count, children: below } });
      else entries.push(...below.map((e) => ({ condition: condition ?? e.condition, field: e.field })));
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
    const typeName = fragment.typeCondition?.name.value;
    const narrowed = typeName ? walk.schema.getType(typeName) : parent;
    if (!narrowed) continue;
    const branch = typeName && typeName !== parent.name ? typeName : undefined;
    const nextSeen = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
    entries.push(...collect(walk, fragment.selectionSet, narrowed, condition ?? branch, nextSeen));
  }
  return entries;
}

/** Sums `measure` over entries: fields common to every type plus the dearest typed branch. */
function combine(entries: Entry[], measure: (field: CountedField) => number): number {
  let common = 0;
  const branches = new Map<string, number>();
  for (const { condition, field } of entries) {
    const value = measure(field);
    if (condition === undefined) common += value;
    else branches.set(condition, (branches.get(condition) ?? 0) + value);
  }
  return common + Math.max(0, ...branches.values());
}

function requests(field: CountedField, parentNodes: number): number {
  return parentNodes + combine(field.children, (child) => requests(child, parentNodes * field.count));
}

function nodes(field: CountedField, parentNodes: number): number {
  const own = parentNodes * field.count;
  return own + combine(field.children, (child) => nodes(child, own));
}

function firstOverLimit(entries: Entry[], parentNodes: number): { field: FieldNode; nodeCount: number } | undefined {
  for (const { field } of entries) {
    const own = parentNodes * field.count;
    if (own > MAX_NODE_LIMIT) return { field: field.node, nodeCount: own };
    const deeper = firstOverLimit(field.children, own);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Sizes `operation` as GitHub does before running it. */
export function analyzeQuery(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): QueryAnalysis {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { nodeCount: 0, requestCount: 0, cost: 1, overLimit: undefined };
  const entries = collect({ schema, fragments, variables }, operation.selectionSet, root, undefined, new Set());
  const nodeCount = combine(entries, (field) => nodes(field, 1));
  const requestCount = combine(entries, (field) => requests(field, 1));
  let overLimit: QueryAnalysis["overLimit"];
  if (nodeCount > MAX_NODE_LIMIT) overLimit = firstOverLimit(entries, 1) ?? { field: undefined, nodeCount };
  return { nodeCount, requestCount, cost: Math.max(1, Math.round(requestCount / 100)), overLimit };
}

/** GitHub's MAX_NODE_LIMIT_EXCEEDED message, naming the first connection past the limit. */
export function nodeLimitMessage(overLimit: NonNullable<QueryAnalysis["overLimit"]>): string {
  const count = overLimit.nodeCount.toLocaleString("en-US");
  const limit = MAX_NODE_LIMIT.toLocaleString("en-US");
  const beginning = overLimit.field
    ? `By the time this query traverses to the ${overLimit.field.name.value} connection, it is requesting up to ${count}`
    : `This query requests up to ${count}`;
  return `${beginning} possible nodes which exceeds the maximum limit of ${limit}.`;
}

/**
 * Queries GitHub does not charge for: those asking only for `rateLimit`, and dry runs
 * (`rateLimit(dryRun: true)`), which report what the query would cost.
 */
export function isFreeQuery(operation: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
  const top = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && shouldInclude(s, variables));
  const rateLimit = top.filter((f) => f.name.value === "rateLimit");
  const dryRun = rateLimit.some((f) =>
    f.arguments?.some((a) => a.name.value === "dryRun" && ((a.value.kind === Kind.BOOLEAN && a.value.value) || (a.value.kind === Kind.VARIABLE && variables[a.value.name.value] === true))),
  );
  const onlyRateLimit = top.length > 0 && rateLimit.length === top.length && top.length === operation.selectionSet.selections.length;
  return operation.operation === "query" && (dryRun || onlyRateLimit);
}
