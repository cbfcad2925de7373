// Where each node of a query sits, in graphql-ruby's words: GitHub's validation errors carry a
// `path` like ["query Name", "organization", "repositories", "first"] (operation, then response
// keys, "... on Type" for inline fragments, then the argument), which graphql-js does not give.
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from "graphql";

export interface AstInfo {
  /** graphql-ruby's static-validation path of a node. */
  pathOf(node: ASTNode | undefined): string[] | undefined;
  /** The argument a node is (or sits inside), with the field or directive that takes it. */
  argumentOf(node: ASTNode | undefined): ArgumentContext | undefined;
}

export interface ArgumentContext {
  argument: ArgumentNode;
  owner: FieldNode | DirectiveNode;
  /** The argument's declared type ("String!"), when the schema knows the argument. */
  type: string | undefined;
}

function segmentOf(node: ASTNode): string | undefined {
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
      return node.name ? `${node.operation} ${node.name.value}` : node.operation;
    case Kind.FRAGMENT_DEFINITION:
      return `fragment ${node.name.value}`;
    case Kind.FIELD:
      return node.alias?.value ?? node.name.value;
    case Kind.INLINE_FRAGMENT:
      return node.typeCondition ? `... on ${node.typeCondition.name.value}` : "...";
    case Kind.FRAGMENT_SPREAD:
      return `... ${node.name.value}`;
    case Kind.ARGUMENT:
      return node.name.value;
    default:
      return undefined;
  }
}

/** Indexes every node of `document` by its path and enclosing argument. */
export function indexDocument(schema: GraphQLSchema, document: DocumentNode): AstInfo {
  const paths = new Map<ASTNode, string[]>();
  const arguments_ = new Map<ASTNode, ArgumentContext>();
  const stack: string[] = [];
  const owners: (FieldNode | DirectiveNode)[] = [];
  const typeInfo = new TypeInfo(schema);
  let current: ArgumentContext | undefined;
  visit(document, visitWithTypeInfo(typeInfo, {
    enter(node) {
      const segment = segmentOf(node);
      if (segment !== undefined) stack.push(segment);
      if (node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE) owners.push(node);
      if (node.kind === Kind.ARGUMENT && owners.length) current = { argument: node, owner: owners[owners.length - 1]!, type: typeInfo.getArgument()?.type.toString() };
      paths.set(node, [...stack]);
      if (current) arguments_.set(node, current);
    },
    leave(node) {
      if (segmentOf(node) !== undefined) stack.pop();
      if (node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE) owners.pop();
      if (node.kind === Kind.ARGUMENT) current = undefined;
    },
  }));
  return {
    pathOf: (node) => (node ? paths.get(node) : undefined),
    argumentOf: (node) => (node ? arguments_.get(node) : undefined),
  };
}
