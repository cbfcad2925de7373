import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, redactDatabaseUrl, withDatabase, withSchema } from "./url";

describe("database URLs", () => {
  it("splits Prisma's ?schema= off for pg and keeps other parameters", () => {
    const target = parseDatabaseUrl("postgresql://app:pw@db.internal:5432/rampart?schema=tenant_a&sslmode=require");
    expect(target.schema).toBe("tenant_a");
    expect(target.connectionString).toBe("postgresql://app:pw@db.internal:5432/rampart?sslmode=require");
  });

  it("leaves the schema undefined when none is given", () => {
    expect(parseDatabaseUrl("postgresql://localhost/rampart").schema).toBeUndefined();
  });

  it("rejects schema names that are not plain identifiers (they are interpolated into SET search_path)", () => {
    expect(() => parseDatabaseUrl('postgresql://localhost/r?schema=a";DROP TABLE x;--')).toThrow(/Invalid schema name/);
    expect(() => parseDatabaseUrl("postgresql://localhost/r?schema=Upper")).toThrow(/Invalid schema name/);
  });

  it("swaps database and schema without touching credentials", () => {
    expect(withDatabase("postgresql://u:p@h:1/a?x=1", "b")).toBe("postgresql://u:p@h:1/b?x=1");
    expect(withSchema("postgresql://u:p@h:1/a", "s1")).toBe("postgresql://u:p@h:1/a?schema=s1");
  });

  it("never prints a password", () => {
    expect(redactDatabaseUrl("postgresql://u:secret@h/db")).toBe("postgresql://u:***@h/db");
    expect(redactDatabaseUrl("not a url")).not.toContain("not a url");
  });
});
