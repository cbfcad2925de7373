// Turns the owners' Swagger 2.0 definitions into JSON Schema 2020-12 that Ajv can check
// responses against, keeping AutoRest's meaning of the Swagger dialect:
// - `discriminator` makes a base polymorphic: a value is checked against the subtype whose
//   `x-ms-discriminator-value` (or definition name) matches its discriminator property;
// - `{ "type": "object" }` with nothing else means "any value" (AutoRest's `any`);
// - `x-nullable` allows null; draft-4 boolean `exclusiveMinimum/Maximum` become numbers.
// In strict mode every object schema that is used as a value (not as an allOf part) is closed
// with `unevaluatedProperties: false`, so a misspelled or invented field fails the check,
// while allOf composition and polymorphic subtypes still add their own properties.

export type JsonSchema = Record<string, unknown>;

export interface ConvertOptions {
  /** Close object schemas against unknown properties (see above). */
  strict: boolean;
  /** Let every non-required property be null (the VSS JSON serializer writes nulls freely). */
  nullableOptional: boolean;
}

export interface SwaggerDoc {
  definitions?: Record<string, JsonSchema>;
  paths?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Resolves a `$ref` (relative to the current file) to its file and definition. */
export type RefResolver = (fromFile: string, ref: string) => { file: string; name: string; schema: JsonSchema } | undefined;

const DROPPED = new Set(["discriminator", "example", "externalDocs", "xml", "readOnly", "nullable"]);

export const BASE_SUFFIX = "__base";

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a schema describes an object with known properties that should be closed. */
function isClosable(schema: JsonSchema): boolean {
  if ("additionalProperties" in schema) return false;
  return isRecord(schema.properties) || Array.isArray(schema.allOf);
}

function isBareObject(schema: JsonSchema): boolean {
  const keys = Object.keys(schema).filter((k) => !k.startsWith("x-") && k !== "description" && k !== "title" && k !== "readOnly");
  return schema.type === "object" && keys.length === 1;
}

export class SwaggerConverter {
  constructor(
    private readonly options: ConvertOptions,
    private readonly resolve: RefResolver,
    /** Definitions (by file) that are discriminated bases. */
    private readonly isDiscriminated: (file: string, name: string) => boolean,
  ) {}

  /** Converts one schema found in `file`. `asPart` is true for allOf members. */
  convert(file: string, schema: JsonSchema, asPart = false): JsonSchema {
    if (typeof schema.$ref === "string") return this.convertRef(file, schema.$ref, asPart, schema);
    if (isBareObject(schema)) return {};
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key.startsWith("x-") || DROPPED.has(key)) continue;
      switch (key) {
        case "properties":
          out.properties = this.convertProperties(file, value as Record<string, JsonSchema>, (schema.required as string[] | undefined) ?? []);
          break;
        case "items":
          out.items = isRecord(value) ? this.convert(file, value) : {};
          break;
        case "additionalProperties":
          out.additionalProperties = isRecord(value) ? this.convert(file, value) : value;
          break;
        case "allOf":
          out.allOf = (value as JsonSchema[]).map((part) => this.convert(file, part, true));
          break;
        case "exclusiveMinimum":
        case "exclusiveMaximum":
          if (value === true) {
            const bound = key === "exclusiveMinimum" ? "minimum" : "maximum";
            out[key] = schema[bound];
          }
          break;
        case "minimum":
        case "maximum": {
          const exclusive = key === "minimum" ? schema.exclusiveMinimum : schema.exclusiveMaximum;
          if (exclusive !== true) out[key] = value;
          break;
        }
        case "type":
          if (value !== "file") out.type = value;
          break;
        default:
          out[key] = value;
      }
    }
    if (schema["x-nullable"] === true) return { anyOf: [out, { type: "null" }] };
    if (this.options.strict && !asPart && isClosable(schema)) out.unevaluatedProperties = false;
    return out;
  }

  private convertProperties(file: string, properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
    const out: JsonSchema = {};
    for (const [name, property] of Object.entries(properties)) {
      const converted = this.convert(file, property);
      out[name] = this.options.nullableOptional && !required.includes(name) ? { anyOf: [converted, { type: "null" }] } : converted;
    }
    return out;
  }

  private convertRef(file: string, ref: string, asPart: boolean, original: JsonSchema): JsonSchema {
    const target = this.resolve(file, ref);
    if (!target) throw new Error(`Unresolvable $ref ${ref} in ${file}`);
    const discriminated = this.isDiscriminated(target.file, target.name);
    // An allOf part extends the base itself; a value position gets the polymorphic dispatch.
    const pointer = `${target.file}#/definitions/${target.name}${asPart && discriminated ? BASE_SUFFIX : ""}`;
    const out: JsonSchema = { $ref: pointer };
    if (this.options.strict && !asPart && (isClosable(target.schema) || discriminated)) out.unevaluatedProperties = false;
    if (original["x-nullable"] === true) return { anyOf: [out, { type: "null" }] };
    return out;
  }

  /**
   * The definitions of a file: each converted, plus for every discriminated base D a raw
   * `D__base` and a dispatching `D` that applies the matching subtype.
   */
  convertDefinitions(file: string, definitions: Record<string, JsonSchema>, discriminatorValue: (name: string, schema: JsonSchema) => string): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const [name, schema] of Object.entries(definitions)) {
      const converted = this.convert(file, schema, true);
      if (typeof schema.discriminator !== "string") {
        out[name] = converted;
        continue;
      }
      const property = schema.discriminator;
      out[`${name}${BASE_SUFFIX}`] = converted;
      const branches = subtypesOf(definitions, name).map((sub) => ({
        if: { properties: { [property]: { const: discriminatorValue(sub, definitions[sub]!) } }, required: [property] },
        then: { $ref: `${file}#/definitions/${sub}` },
      }));
      out[name] = { allOf: [{ $ref: `${file}#/definitions/${name}${BASE_SUFFIX}` }, ...branches] };
    }
    return out;
  }
}

/** Definitions that extend `base` directly or through other subtypes (same file). */
export function subtypesOf(definitions: Record<string, JsonSchema>, base: string): string[] {
  const found: string[] = [];
  const visit = (parent: string) => {
    for (const [name, schema] of Object.entries(definitions)) {
      const parts = Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : [];
      if (parts.some((p) => p.$ref === `#/definitions/${parent}`) && !found.includes(name)) {
        found.push(name);
        visit(name);
      }
    }
  };
  visit(base);
  return found;
}
