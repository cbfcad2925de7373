// Validates emulator responses and webhook payloads against GitHub's published schemas
// (@octokit/openapi, @octokit/openapi-webhooks) with ajv. OpenAPI 3.0's `nullable` is turned
// into JSON Schema first (ajv's own support ignores it on enums and on schemas without a type).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rewrites `nullable: true` as JSON Schema understands it, in place. */
function normalizeNullable(node: Json): void {
  if (Array.isArray(node)) return node.forEach(normalizeNullable);
  if (!isObject(node)) return;
  for (const value of Object.values(node)) normalizeNullable(value);
  if (node.nullable !== true) return;
  if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  if (node.type === undefined) {
    const rest: JsonObject = { ...node };
    delete rest.nullable;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [{ type: "null" }, rest];
  }
}

function load(file: string): JsonObject {
  const document = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(file), "utf8")) as JsonObject;
  normalizeNullable(document);
  return document;
}

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  return ajv;
}

function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

let rest: { ajv: Ajv; spec: JsonObject; cache: Map<string, ValidateFunction> } | undefined;

/** Errors of `body` against GitHub's schema for `METHOD path` → `status` (empty when valid). */
export function restErrors(method: string, path: string, status: number, body: unknown): string[] {
  if (!rest) {
    const spec = load("@octokit/openapi/generated/api.github.com.json");
    const ajv = newAjv();
    ajv.addSchema(spec, "rest");
    rest = { ajv, spec, cache: new Map() };
  }
  const key = `${method} ${path} ${status}`;
  let validate = rest.cache.get(key);
  if (!validate) {
    const paths = rest.spec.paths as JsonObject;
    const operation = (paths[path] as JsonObject | undefined)?.[method.toLowerCase()] as JsonObject | undefined;
    if (!operation) throw new Error(`no operation ${method} ${path} in the GitHub spec`);
    let response = (operation.responses as JsonObject)[String(status)] as JsonObject | undefined;
    // Errors an operation does not document still come in GitHub's basic-error shape.
    if (!response && status >= 400) response = { $ref: "#/components/responses/not_found" };
    if (!response) throw new Error(`${method} ${path} documents no ${status} response`);
    let pointer = `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}`;
    if (typeof response.$ref === "string") {
      pointer = response.$ref;
      response = ((rest.spec.components as JsonObject).responses as JsonObject)[response.$ref.split("/").pop()!] as JsonObject;
    }
    if (!isObject(response.content) || !isObject(response.content["application/json"])) throw new Error(`${key} has no JSON body`);
    validate = rest.ajv.compile({ $ref: `rest${pointer}/content/application~1json/schema` });
    rest.cache.set(key, validate);
  }
  return validate(body) ? [] : describeErrors(validate);
}

let hooks: { ajv: Ajv; spec: JsonObject; cache: Map<string, ValidateFunction> } | undefined;

/** Errors of a webhook payload against @octokit/openapi-webhooks, e.g. `code-scanning-alert-created`. */
export function webhookErrors(name: string, body: unknown): string[] {
  if (!hooks) {
    const spec = load("@octokit/openapi-webhooks/generated/api.github.com.json");
    const ajv = newAjv();
    ajv.addSchema(spec, "hooks");
    hooks = { ajv, spec, cache: new Map() };
  }
  let validate = hooks.cache.get(name);
  if (!validate) {
    const webhook = ((hooks.spec.webhooks as JsonObject)[name] as JsonObject | undefined)?.post as JsonObject | undefined;
    if (!webhook) throw new Error(`no webhook ${name} in @octokit/openapi-webhooks`);
    validate = hooks.ajv.compile({ $ref: `hooks#/webhooks/${escape(name)}/post/requestBody/content/application~1json/schema` });
    hooks.cache.set(name, validate);
  }
  return validate(body) ? [] : describeErrors(validate);
}

/** The example GitHub publishes for an operation's 200 response (fixtures mode serves it). */
export function restExample(path: string): unknown {
  restErrors("GET", path, 200, null);
  const operation = ((rest!.spec.paths as JsonObject)[path] as JsonObject).get as JsonObject;
  const examples = ((((operation.responses as JsonObject)["200"] as JsonObject).content as JsonObject)["application/json"] as JsonObject).examples as JsonObject;
  const example = (examples.default ?? Object.values(examples)[0]) as JsonObject;
  if (typeof example.$ref === "string") return (((rest!.spec.components as JsonObject).examples as JsonObject)[example.$ref.split("/").pop()!] as JsonObject).value;
  return example.value;
}
