// What a mapper returns: a finding, or why it could not make one (kept, never dropped silently).
import type { z } from "zod";
import type { NormalizedFinding } from "../../ingest/normalized-finding";

export type MapResult =
  | { ok: true; finding: NormalizedFinding; warnings: string[] }
  | { ok: false; reference: string; error: string };

/** A readable one-line summary of a zod failure: which fields, what was wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** A reference to an unparseable record for the sync log: its number and repository if present. */
export function referenceOf(raw: unknown): string {
  const record = (raw ?? {}) as { number?: unknown; repository?: { full_name?: unknown } };
  return `${String(record.repository?.full_name ?? "?")}#${String(record.number ?? "?")}`;
}

export function date(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

/**
 * A mapped value, or — for a value GitHub sent that Rampart does not know — a conservative
 * fallback and a warning saying so (kept with the sync run, never silently guessed).
 */
export function orFallback<T>(value: T | undefined, fallback: T, what: string, seen: string, warnings: string[]): T {
  if (value !== undefined) return value;
  warnings.push(`unknown ${what} "${seen}"; stored as ${String(fallback)}`);
  return fallback;
}
