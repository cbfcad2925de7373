import { describe, expect, it } from "vitest";
import { migrationChecksum, PRISMA_MIGRATE_ADVISORY_LOCK } from "./migrate";

describe("Prisma ledger compatibility", () => {
  it("checksums a migration file as the hex sha256 of its UTF-8 bytes", () => {
    expect(migrationChecksum("a")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    expect(migrationChecksum("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });

  it("uses Prisma Migrate's advisory lock key", () => {
    expect(PRISMA_MIGRATE_ADVISORY_LOCK).toBe(72707369);
  });
});
