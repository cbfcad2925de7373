// The small part of KQL that Rampart's Resource Graph queries use:
//   <table> | where <path> (==|=~|!=|!~) '<text>' [and …] | project a, b | take N | limit N
// Anything else is rejected the way Resource Graph rejects a query it cannot parse.
import { ArmError } from "./errors";

export interface Condition {
  path: string[];
  op: "==" | "=~" | "!=" | "!~";
  value: string;
}

export interface ParsedQuery {
  table: string;
  where: Condition[];
  project: string[] | null;
  take: number | null;
}

export function invalidQuery(detail: string): ArmError {
  return new ArmError(400, "BadRequest", `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}. Query is invalid: ${detail}`);
}

const CONDITION = /^([A-Za-z_][\w.]*)\s*(==|=~|!=|!~)\s*(?:'([^']*)'|"([^"]*)")$/;

function parseWhere(text: string): Condition[] {
  return text.split(/\s+and\s+/i).map((part) => {
    const match = CONDITION.exec(part.trim());
    if (!match) throw invalidQuery(`unsupported condition '${part.trim()}'`);
    return { path: match[1]!.split("."), op: match[2] as Condition["op"], value: match[3] ?? match[4] ?? "" };
  });
}

export function parseQuery(query: string): ParsedQuery {
  const [head, ...stages] = query.split("|").map((s) => s.trim());
  if (!head || !/^[A-Za-z]\w*$/.test(head)) throw invalidQuery(`expected a table name, found '${head ?? ""}'`);
  const parsed: ParsedQuery = { table: head.toLowerCase(), where: [], project: null, take: null };
  for (const stage of stages) {
    const [operator = "", ...rest] = stage.split(/\s+/);
    const argument = rest.join(" ");
    switch (operator.toLowerCase()) {
      case "where":
        parsed.where.push(...parseWhere(argument));
        break;
      case "project":
        parsed.project = argument.split(",").map((f) => f.trim()).filter(Boolean);
        break;
      case "take":
      case "limit": {
        const n = Number(argument);
        if (!Number.isInteger(n) || n < 0) throw invalidQuery(`'${operator}' needs a whole number`);
        parsed.take = n;
        break;
      }
      default:
        throw invalidQuery(`unsupported operator '${operator}'`);
    }
  }
  return parsed;
}

function lookup(row: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = row;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function matches(row: Record<string, unknown>, conditions: Condition[]): boolean {
  return conditions.every((c) => {
    const actual = lookup(row, c.path);
    const text = typeof actual === "string" ? actual : actual === undefined || actual === null ? "" : JSON.stringify(actual);
    const equal = c.op === "==" || c.op === "!=" ? text === c.value : text.toLowerCase() === c.value.toLowerCase();
    return c.op.startsWith("!") ? !equal : equal;
  });
}

export function projectRow(row: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (!fields) return row;
  // KQL names a projected path by joining its parts with "_" (properties.status.code → properties_status_code).
  return Object.fromEntries(fields.map((f) => [f.replace(/\./g, "_"), lookup(row, f.split(".")) ?? null]));
}
