// Validation against GitHub's schema, with errors worded as GitHub (graphql-ruby) words them:
// "Field 'x' doesn't exist on type 'Y'" with extensions { code: "undefinedField", … } and a
// path, rather than graphql-js's "Cannot query field …". Rules run one at a time only when the
// query fails, so each error's rule is known without parsing graphql-js's messages for it.
import {
  GraphQLError,
  Kind,
  print,
  specifiedRules,
  validate,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
  type ValidationRule,
} from "graphql";
import { indexDocument, type AstInfo } from "./ast-info";
import type { GitHubErrorJson } from "./errors";

/** GitHub's wording of one error; `at` is the node GitHub places it on when not graphql-js's first. */
type Mapper = (error: GraphQLError, info: AstInfo, document: DocumentNode) => { message: string; extensions: Record<string, unknown>; at?: ASTNode } | undefined;

const quoted = (message: string, index = 0): string => [...message.matchAll(/"([^"]*)"/g)][index]?.[1] ?? "";
const namedType = (type: string): string => type.replace(/[[\]!]/g, "");
const nameOf = (node: ASTNode | undefined): string => (node && "name" in node && node.name ? node.name.value : "");

function operationLabel(document: DocumentNode, node: ASTNode | undefined): string {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const owner = operations.find((o) => o === node || o.variableDefinitions?.some((v) => v === node)) ?? operations[0];
  return owner?.name?.value ?? `anonymous ${owner?.operation ?? "query"}`;
}

/** The variable whose declared type contains `node`, if any. */
function variableDeclaring(document: DocumentNode, node: ASTNode | undefined): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      let type: TypeNode = variable.type;
      while (type.kind !== Kind.NAMED_TYPE && type !== node) type = type.type;
      if (type === node) return variable.variable.name.value;
    }
  }
  return undefined;
}

const MAPPERS: Record<string, Mapper> = {
  FieldsOnCorrectTypeRule: (error) => {
    const [fieldName, typeName] = [quoted(error.message, 0), quoted(error.message, 1)];
    return { message: `Field '${fieldName}' doesn't exist on type '${typeName}'`, extensions: { code: "undefinedField", typeName, fieldName } };
  },
  KnownArgumentNamesRule: (error, info) => {
    const argumentName = nameOf(error.nodes?.[0]);
    const owner = info.argumentOf(error.nodes?.[0])?.owner;
    const typeName = owner?.kind === Kind.DIRECTIVE ? "Directive" : "Field";
    const name = nameOf(owner);
    return { message: `${typeName} '${name}' doesn't accept argument '${argumentName}'`, extensions: { code: "argumentNotAccepted", name, typeName, argumentName } };
  },
  ProvidedRequiredArgumentsRule: (error) => {
    const node = error.nodes?.[0];
    const className = node?.kind === Kind.DIRECTIVE ? "Directive" : "Field";
    const name = nameOf(node);
    const missing = quoted(error.message, 1);
    return { message: `${className} '${name}' is missing required arguments: ${missing}`, extensions: { code: "missingRequiredArguments", className, name, arguments: missing } };
  },
  ScalarLeafsRule: (error) => {
    const name = quoted(error.message, 0);
    const nodeName = `field '${name}'`;
    const typeName = namedType(quoted(error.message, 1));
    if (/must have a selection/.test(error.message)) {
      return { message: `Field must have selections (${nodeName} returns ${typeName} but has no selections. Did you mean '${name} { ... }'?)`, extensions: { code: "selectionMismatch", nodeName } };
    }
    // graphql-js points at the selection set; GitHub names what was selected.
    const set = error.nodes?.[0];
    const selections = set?.kind === Kind.SELECTION_SET ? set.selections.map((s) => ("name" in s ? s.name.value : "...")).join(", ") : "";
    return { message: `Selections can't be made on scalars (${nodeName} returns ${typeName} but has selections [${selections}])`, extensions: { code: "selectionMismatch", nodeName } };
  },
  KnownTypeNamesRule: (error, _info, document) => {
    const typeName = quoted(error.message, 0);
    const variable = variableDeclaring(document, error.nodes?.[0]);
    if (variable) {
      return { message: `${typeName} isn't a defined input type (on $${variable})`, extensions: { code: "variableRequiresValidType", typeName, variableName: variable } };
    }
    return { message: `No such type ${typeName}, so it can't be a fragment condition`, extensions: { code: "undefinedType", typeName } };
  },
  NoUnusedVariablesRule: (error, _info, document) => {
    const variableName = quoted(error.message, 0).replace(/^\$/, "");
    return { message: `Variable $${variableName} is declared by ${operationLabel(document, error.nodes?.[0])} but not used`, extensions: { code: "variableNotUsed", variableName } };
  },
  NoUndefinedVariablesRule: (error, _info, document) => {
    const variableName = quoted(error.message, 0).replace(/^\$/, "");
    return { message: `Variable $${variableName} is used by ${operationLabel(document, error.nodes?.[1])} but not declared`, extensions: { code: "variableNotDefined", variableName } };
  },
  ValuesOfCorrectTypeRule: (error, info) => {
    const context = info.argumentOf(error.nodes?.[0]);
    if (!context) return undefined;
    const argumentName = context.argument.name.value;
    const typeName = context.owner.kind === Kind.DIRECTIVE ? "Directive" : "Field";
    const expected = context.type ?? (quoted(error.message, 0) || /^(\w+) cannot represent/.exec(error.message)?.[1] || "");
    return {
      message: `Argument '${argumentName}' on ${typeName} '${context.owner.name.value}' has an invalid value (${print(context.argument.value)}). Expected type '${expected}'.`,
      extensions: { code: "argumentLiteralsIncompatible", typeName, argumentName },
    };
  },
  VariablesInAllowedPositionRule: (error, info) => {
    const variableName = quoted(error.message, 0).replace(/^\$/, "");
    const [declared, expected] = [quoted(error.message, 1), quoted(error.message, 2)];
    const argumentName = info.argumentOf(error.nodes?.[1])?.argument.name.value ?? "";
    const kind = namedType(declared) === namedType(expected) ? "Nullability mismatch" : "Type mismatch";
    return {
      message: `${kind} on variable $${variableName} and argument ${argumentName} (${declared} / ${expected})`,
      extensions: { code: "variableMismatch", variableName, typeName: declared, argumentName, errorMessage: kind },
      at: error.nodes?.[1],
    };
  },
  KnownFragmentNamesRule: (error) => {
    const fragmentName = quoted(error.message, 0);
    return { message: `Fragment ${fragmentName} was used, but not defined`, extensions: { code: "undefinedFragment", fragmentName } };
  },
  NoUnusedFragmentsRule: (error) => {
    const fragmentName = nameOf(error.nodes?.[0]);
    return { message: `Fragment ${fragmentName} was defined, but not used`, extensions: { code: "useAndDefineFragment", fragmentName } };
  },
  KnownDirectivesRule: (error) => {
    if (!/^Unknown directive/.test(error.message)) return undefined;
    const directiveName = nameOf(error.nodes?.[0]);
    return { message: `Directive @${directiveName} is not defined`, extensions: { code: "undefinedDirective", directiveName } };
  },
  UniqueOperationNamesRule: (error) => {
    const operationName = quoted(error.message, 0);
    return { message: `Operation name "${operationName}" must be unique`, extensions: { code: "operationNotUnique", operationName } };
  },
  UniqueArgumentNamesRule: (error) => {
    const name = quoted(error.message, 0);
    return { message: `There can be only one argument named "${name}"`, extensions: { code: "argumentNotUnique", name } };
  },
};

const NODE = Symbol("node");

/** graphql-js reports each missing argument alone; GitHub lists them in one error per field. */
function mergeMissingArguments(errors: (GitHubErrorJson & { [NODE]?: unknown })[], at: ASTNode | undefined, body: { extensions: Record<string, unknown> }): boolean {
  if (body.extensions.code !== "missingRequiredArguments") return false;
  const earlier = errors.find((e) => e[NODE] === at && e.extensions?.code === "missingRequiredArguments");
  if (!earlier?.extensions) return false;
  const names = `${String(earlier.extensions.arguments)}, ${String(body.extensions.arguments)}`;
  earlier.extensions = { ...earlier.extensions, arguments: names };
  earlier.message = earlier.message.replace(/: .*$/, `: ${names}`);
  return true;
}

/** Validates `document` against `schema`; GitHub-worded errors, or none when it is valid. */
export function validateQuery(schema: GraphQLSchema, document: DocumentNode): GitHubErrorJson[] {
  if (validate(schema, document).length === 0) return [];
  const info = indexDocument(schema, document);
  const errors: (GitHubErrorJson & { [NODE]?: unknown })[] = [];
  for (const rule of specifiedRules as readonly ValidationRule[]) {
    for (const error of validate(schema, document, [rule])) {
      const mapped = MAPPERS[rule.name]?.(error, info, document);
      // Rules GitHub words differently but Rampart never trips keep graphql-js's message.
      const body = mapped ?? { message: error.message, extensions: { code: rule.name.replace(/Rule$/, "").replace(/^./, (c) => c.toLowerCase()) } };
      const at = body.at ?? error.nodes?.[0];
      const location = body.at?.loc ? [{ line: body.at.loc.startToken.line, column: body.at.loc.startToken.column }] : error.locations ? [...error.locations] : undefined;
      const merged = mergeMissingArguments(errors, at, body);
      if (!merged) errors.push({ path: info.pathOf(at), extensions: body.extensions, locations: location, message: body.message, ...{ [NODE]: at } });
    }
  }
  return errors.map(({ [NODE]: _node, ...error }: GitHubErrorJson & { [NODE]?: unknown }) => error);
}

const TOKEN_KINDS: Record<string, string> = {
  "{": "LCURLY", "}": "RCURLY", "(": "LPAREN", ")": "RPAREN", "[": "LBRACKET", "]": "RBRACKET", ":": "COLON",
  "=": "EQUALS", "@": "DIR_SIGN", $: "VAR_SIGN", "!": "BANG", "...": "ELLIPSIS", "|": "PIPE", "&": "AMP",
};

function tokenOf(description: string): { kind: string; text: string } {
  if (description === "<EOF>") return { kind: "(none)", text: "" };
  const punctuator = /^"(.+)"$/.exec(description);
  if (punctuator && TOKEN_KINDS[punctuator[1]!]) return { kind: TOKEN_KINDS[punctuator[1]!]!, text: punctuator[1]! };
  const valued = /^(Name|Int|Float|String|BlockString) "(.*)"$/.exec(description);
  if (valued) return { kind: valued[1] === "Name" ? "IDENTIFIER" : valued[1]!.toUpperCase(), text: valued[2]! };
  return { kind: "UNKNOWN_CHAR", text: description.replace(/^"|"$/g, "") };
}

/** A syntax error as GitHub's parser reports it: "Expected NAME, actual: RCURLY ("}") at [1, 5]". */
export function syntaxError(error: GraphQLError): GitHubErrorJson {
  const location = error.locations?.[0] ?? { line: 1, column: 1 };
  const at = `at [${location.line}, ${location.column}]`;
  const expected = /^Syntax Error: Expected (.+), found (.+)\.$/.exec(error.message);
  const unexpected = /^Syntax Error: Unexpected (.+)\.$/.exec(error.message);
  let message: string;
  if (expected) {
    const want = expected[1] === "Name" ? "NAME" : tokenOf(expected[1]!).kind;
    const got = tokenOf(expected[2]!);
    message = `Expected ${want}, actual: ${got.kind} ("${got.text}") ${at}`;
  } else if (unexpected) {
    const got = tokenOf(unexpected[1]!);
    message = `Parse error on "${got.text}" (${got.kind}) ${at}`;
  } else {
    message = `${error.message.replace(/^Syntax Error: /, "").replace(/\.$/, "")} ${at}`;
  }
  return { message, locations: [location] };
}
