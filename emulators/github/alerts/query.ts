// Reading GitHub's alert list parameters: comma-separated lists checked against the values the
// endpoint documents, booleans, and the 422 GitHub answers for anything else.
import { validationFailed } from "../errors";
import type { Query } from "../route";

/** A comma-separated parameter as a list (undefined when absent or empty). */
export function csv(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

/** A comma-separated parameter whose every value must be one of `allowed`. */
export function csvOf(query: Query, name: string, allowed: readonly string[], docs: string): string[] | undefined {
  const items = csv(query[name]);
  const bad = items?.filter((v) => !allowed.includes(v)) ?? [];
  if (bad.length > 0) throw validationFailed(docs, [`Invalid ${name} value: ${bad.join(", ")}. Valid values are: ${allowed.join(", ")}`]);
  return items;
}

/** A single-valued enum parameter; `fallback` when absent. */
export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T, docs: string): T;
export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: undefined, docs: string): T | undefined;
export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T | undefined, docs: string): T | undefined {
  const value = query[name];
  if (value === undefined || value === "") return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationFailed(docs, [`Invalid ${name} value: ${value}. Valid values are: ${allowed.join(", ")}`]);
  }
  return value as T;
}

/** "true" / "false"; undefined when absent. */
export function bool(query: Query, name: string, docs: string): boolean | undefined {
  const value = query[name];
  if (value === undefined || value === "") return undefined;
  if (value !== "true" && value !== "false") throw validationFailed(docs, [`Invalid ${name} value: ${value}. Valid values are: true, false`]);
  return value === "true";
}

/**
 * The assignee filters: the world assigns no one, so "none" keeps every alert and "*" or any
 * login keeps none.
 */
export function assigneeFilter(value: string | undefined): ((assigned: boolean) => boolean) | undefined {
  if (value === undefined || value === "") return undefined;
  const wantsUnassigned = value === "none";
  return (assigned) => assigned !== wantsUnassigned;
}

/** Joins the parameters that shape a filtered view into a cache key. */
export function filterKey(parts: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(parts).filter(([, v]) => v !== undefined));
}
