import { describe, expect, it } from "vitest";
import { database } from "../db";
import { upsertConnection } from "./connections";

const base = {
  kind: "azure_devops_org" as const,
  baseUrl: "https://dev.azure.test",
  config: { organization: "fabrikam" },
  createdBy: "test",
};

describe("upsertConnection", () => {
  it("creates once and updates the same connection afterwards", async () => {
    const displayName = `ADO ${Date.now()}`;
    const first = await upsertConnection({ ...base, displayName, secretRef: "env:ADO_PAT" });
    const second = await upsertConnection({ ...base, displayName, baseUrl: "https://dev.azure.test:8443", secretRef: "file:/run/secrets/ado-pat" });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const row = await database().prisma.connection.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.baseUrl).toBe("https://dev.azure.test:8443");
    expect(row.secretRef).toBe("file:/run/secrets/ado-pat");
    expect(row.secretCiphertext).toBeNull();
  });

  it("refuses anything that looks like a secret value instead of a reference", async () => {
    await expect(upsertConnection({ ...base, displayName: `bad ${Date.now()}`, secretRef: "ghp_abc123plaintexttoken" })).rejects.toThrow(/never stored/);
    await expect(upsertConnection({ ...base, displayName: `bad2 ${Date.now()}`, secretRef: "file:relative/path" })).rejects.toThrow(/never stored/);
  });
});
