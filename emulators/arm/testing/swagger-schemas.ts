// Loads the owners' Swagger specs from ../shared/fixtures (following their relative $refs to
// the common-types files), converts them (swagger-convert.ts) and compiles the response schema
// of any operation with Ajv 8, so tests check emulator responses and the owners' own examples
// against exactly the same validators.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { SwaggerConverter, type ConvertOptions, type JsonSchema, type SwaggerDoc } from "./swagger-convert";

export const FIXTURES = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? fileURLToPath(new URL("../../../../shared/fixtures", import.meta.url)));

/**
 * Known mistakes in the published specs, corrected here so the emulator can follow the real
 * service. subAssessments 2019-01-01-preview: the AdditionalData enum (what the service sends)
 * says "ServerVulnerability" but the subtype's x-ms-discriminator-value says
 * "ServerVulnerabilityAssessment", so no server-vulnerability payload could ever validate.
 */
const DISCRIMINATOR_CORRECTIONS: Record<string, string> = {
  "subAssessments.json#ServerVulnerabilityProperties": "ServerVulnerability",
};

// Swagger/AutoRest formats that ajv-formats does not know. Integers are range-checked; the
// others are labels on strings.
const INT_RANGES: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };
const STRING_FORMATS = ["arm-id", "Stream", "unixtime", "password", "binary", "url", "duration-constant"];

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { schema?: JsonSchema }>;
  examples: string[];
}

export class SwaggerSchemas {
  private readonly ajv: Ajv2020;
  private readonly docs = new Map<string, SwaggerDoc>();
  private readonly converter: SwaggerConverter;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly registered = new Set<string>();

  constructor(options: Partial<ConvertOptions> = {}) {
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, unicodeRegExp: false });
    addFormats(this.ajv);
    for (const [name, [min, max]] of Object.entries(INT_RANGES)) {
      this.ajv.addFormat(name, { type: "number", validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
    }
    for (const name of ["float", "double"]) this.ajv.addFormat(name, { type: "number", validate: (n: number) => Number.isFinite(n) });
    for (const name of STRING_FORMATS) this.ajv.addFormat(name, true);
    this.converter = new SwaggerConverter(
      { strict: options.strict ?? true, nullableOptional: options.nullableOptional ?? false },
      (from, ref) => this.resolveRef(from, ref),
      (file, name) => typeof this.doc(file).definitions?.[name]?.discriminator === "string",
    );
  }

  /** The spec file at `relative` (under the fixtures folder), loaded with everything it references. */
  load(relative: string): string {
    const file = pathToFileURL(path.join(FIXTURES, relative)).href;
    this.register(file);
    return file;
  }

  private doc(file: string): SwaggerDoc {
    let doc = this.docs.get(file);
    if (!doc) {
      doc = JSON.parse(readFileSync(new URL(file), "utf8")) as SwaggerDoc;
      this.docs.set(file, doc);
    }
    return doc;
  }

  private resolveRef(from: string, ref: string): { file: string; name: string; schema: JsonSchema } | undefined {
    const [location, pointer] = ref.split("#");
    const file = location ? fixtureFile(location, from) : from;
    const name = pointer?.replace(/^\/definitions\//, "");
    if (!name) return undefined;
    this.register(file);
    const schema = this.doc(file).definitions?.[name];
    return schema ? { file, name, schema } : undefined;
  }

  private register(file: string): void {
    if (this.registered.has(file)) return;
    this.registered.add(file);
    const doc = this.doc(file);
    const base = path.basename(new URL(file).pathname);
    const definitions = this.converter.convertDefinitions(file, doc.definitions ?? {}, (name, schema) => {
      const corrected = DISCRIMINATOR_CORRECTIONS[`${base}#${name}`];
      return corrected ?? (typeof schema["x-ms-discriminator-value"] === "string" ? schema["x-ms-discriminator-value"] : name);
    });
    // Inline response schemas live beside the definitions so their relative $refs resolve.
    for (const op of this.operations(file)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (response.schema && status.startsWith("2")) definitions[responseKey(op.operationId, status)] = this.converter.convert(file, response.schema);
      }
    }
    this.ajv.addSchema({ $id: file, definitions });
  }

  /** Every operation of a loaded spec. */
  operations(file: string): Operation[] {
    const ops: Operation[] = [];
    for (const [route, methods] of Object.entries(this.doc(file).paths ?? {})) {
      for (const [method, value] of Object.entries(methods)) {
        const op = value as { operationId?: string; responses?: Operation["responses"]; "x-ms-examples"?: Record<string, { $ref: string }> };
        if (!op.operationId) continue;
        const examples = Object.values(op["x-ms-examples"] ?? {}).map((e) => e.$ref);
        ops.push({ operationId: op.operationId, method: method.toUpperCase(), path: route, responses: op.responses ?? {}, examples });
      }
    }
    return ops;
  }

  /** The validator of an operation's response body for `status`. */
  response(file: string, operationId: string, status = "200"): ValidateFunction {
    const key = `${file}#${operationId}#${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const op = this.operations(file).find((o) => o.operationId === operationId);
      if (!op?.responses[status]?.schema) throw new Error(`No ${status} response schema for ${operationId} in ${file}`);
      validate = this.ajv.compile({ $ref: `${file}#/definitions/${responseKey(operationId, status)}` });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Checks `body` against an operation's response schema; throws listing every violation. */
  check(file: string, operationId: string, body: unknown, status = "200"): void {
    const validate = this.response(file, operationId, status);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
      throw new Error(`${operationId} response does not match the spec:\n  ${errors.slice(0, 20).join("\n  ")}`);
    }
  }
}

/**
 * Where a relative $ref points in the fixtures: the specs keep the upstream relative paths,
 * which the fixtures README maps onto azure-security/common/v1 and azure-security/common-types.
 */
function fixtureFile(location: string, from: string): string {
  const shared = /(?:^|\/)(common\/v1\/types\.json|common-types\/resource-management\/v\d+\/types\.json)$/.exec(location);
  if (shared) return pathToFileURL(path.join(FIXTURES, "azure-security", shared[1]!)).href;
  return new URL(location, from).href;
}

function responseKey(operationId: string, status: string): string {
  return `__response__${operationId.replace(/[^A-Za-z0-9_]/g, "_")}_${status}`;
}

/** Finds an example file by name anywhere under `dir` (the specs point at an upstream layout). */
export function findExample(dir: string, ref: string): string | undefined {
  const wanted = path.basename(ref);
  const walk = (current: string): string | undefined => {
    for (const entry of readdirSync(current)) {
      const full = path.join(current, entry);
      if (statSync(full).isDirectory()) {
        const found = walk(full);
        if (found) return found;
      } else if (entry === wanted) return full;
    }
    return undefined;
  };
  return walk(path.join(FIXTURES, dir));
}
