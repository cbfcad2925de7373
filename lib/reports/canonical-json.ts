// Evidence is free-form JSON built by many hands; sorting keys makes its text depend only on its
// content, so documents that embed it stay byte-stable.

/** JSON with object keys sorted, so evidence text is the same whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}
