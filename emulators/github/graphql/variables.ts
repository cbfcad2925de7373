// Variable values that do not fit their declared types, reported as GitHub reports them:
// "Variable $first of type Int was provided invalid value" with the problems listed.
import { print, type GraphQLError, type OperationDefinitionNode } from "graphql";
import type { GitHubErrorJson } from "./errors";

/** GitHub's errors for graphql-js's variable coercion failures. */
export function variableErrors(errors: readonly GraphQLError[], operation: OperationDefinitionNode, values: Record<string, unknown>): GitHubErrorJson[] {
  return errors.map((error) => {
    const name = /"\$([^"]+)"/.exec(error.message)?.[1] ?? "";
    const definition = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
    const type = definition ? print(definition.type) : "";
    const explanation = /was not provided/.test(error.message) ? "Expected value to not be null" : (error.message.split("; ").slice(1).join("; ") || error.message);
    return {
      extensions: { value: values[name] ?? null, problems: [{ path: [], explanation }] },
      locations: error.locations ? [...error.locations] : undefined,
      message: `Variable $${name} of type ${type} was provided invalid value`,
    };
  });
}
