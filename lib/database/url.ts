// Connection-string helpers. Rampart accepts Prisma's `?schema=` convention so a test run (or
// a tenant) can live in its own schema of a shared database; pg does not understand the
// parameter, so it is split off here and applied as search_path by the pool.

export interface DatabaseTarget {
  /** A libpq-style URL without Rampart-only parameters, ready for `pg`. */
  connectionString: string;
  /** The schema to use, or undefined for the server's default search_path. */
  schema: string | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Splits `?schema=` off a database URL and validates it as a plain identifier. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name in database URL: ${JSON.stringify(schema)}`);
  }
  return { connectionString: parsed.toString(), schema };
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The same database, another schema (Prisma's `?schema=` convention). */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

/** The URL with any password replaced, safe to print. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable database URL>";
  }
}
