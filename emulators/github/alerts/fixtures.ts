// Fixtures mode: the list endpoints answer with the example GitHub publishes for the operation in
// its OpenAPI description, verbatim — what the spec's own authors say a response looks like.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface SpecDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, { $ref?: string; value?: Json }> }> }> }>>;
  components: { examples: Record<string, { value: Json }> };
}

let spec: Promise<SpecDocument> | undefined;

function loadSpec(): Promise<SpecDocument> {
  spec ??= readFile(createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"), "utf8").then((text) => JSON.parse(text) as SpecDocument);
  return spec;
}

/** The default example of `GET path` (status 200), with its $ref resolved. */
export async function specExample(path: string, method = "get", status = "200"): Promise<Json> {
  const document = await loadSpec();
  const examples = document.paths[path]?.[method]?.responses[status]?.content?.["application/json"]?.examples ?? {};
  const example = examples.default ?? Object.values(examples)[0];
  if (!example) throw new Error(`no example for ${method.toUpperCase()} ${path} ${status}`);
  if (example.$ref) return document.components.examples[example.$ref.split("/").pop()!]!.value;
  return example.value ?? null;
}
