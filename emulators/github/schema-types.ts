// Response shapes typed from GitHub's own OpenAPI description (@octokit/openapi-types, generated
// from the same spec the tests validate against), so a missing required field fails to compile.
import type { components } from "@octokit/openapi-types";

export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
