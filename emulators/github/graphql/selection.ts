// Small reads of a query's selections that both the analysis and the resolvers need.
import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type FieldNode, type SelectionNode } from "graphql";

/** Whether @skip/@include leave `selection` in the query. */
export function shouldInclude(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, selection, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, selection, variables);
  return include?.if !== false;
}

const PAGED_FIELDS = new Set(["pageInfo", "edges", "nodes"]);

/**
 * Whether a connection field reads records (and so needs `first` or `last`). GitHub looks at
 * the field's own selections only: `totalCount` alone needs no bounds, and an inline fragment
 * there counts as reading records.
 */
export function readsRecords(fieldNodes: readonly FieldNode[]): boolean {
  return fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((s) => s.kind === Kind.INLINE_FRAGMENT || (s.kind === Kind.FIELD && PAGED_FIELDS.has(s.name.value))),
  );
}
