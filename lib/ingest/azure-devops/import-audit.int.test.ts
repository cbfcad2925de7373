// Offline import of the owners' saved audit payload: entries land through the sync's insert
// under the organization their scopeId names, a second import skips them, dry-run records say
// what each entry is, and payloads that cannot be filed are refused with the reason.
import { describe, expect, it } from "vitest";
import { database } from "../../db";
import { isolateInFreshSchema } from "../../../test/fresh-schema";
import { auditExampleBody, haveAuditFixtures } from "../../../test/azure-devops-fixtures";
import { AuditImportError, auditDryRunRecords, importAuditEntries, parseAuditPayload } from "./import-audit";

await isolateInFreshSchema();

describe.skipIf(!haveAuditFixtures)("offline import of audit payloads", () => {
  const payload = () => auditExampleBody("auditLog/GET__AuditLog_QueryLog_by_date.json");

  it("files the example's entries under fabrikam, once", async () => {
    const { entries, unmappable } = parseAuditPayload(payload());
    expect(unmappable).toEqual([]);
    const first = await importAuditEntries(entries);
    expect(first).toMatchObject({ created: 2, skipped: 0 });
    const org = await database().prisma.organization.findUniqueOrThrow({ where: { id: first.organizationId } });
    expect(org).toMatchObject({ source: "azure_devops", sourceId: "73638cd5-0dda-4128-9fd6-48c16d4e4de3", login: "fabrikam", connectionId: null });
    expect(await importAuditEntries(entries)).toEqual({ organizationId: first.organizationId, created: 0, skipped: 2 });
    const rows = await database().prisma.auditEvent.findMany({ where: { organizationId: first.organizationId }, orderBy: { occurredAt: "desc" } });
    expect(rows.map((r) => [r.actionId, r.occurredAt.toISOString()])).toEqual([
      ["AuditLog.AccessLog", "2019-03-05T14:05:02.146Z"],
      ["Project.CreateCompleted", "2019-03-05T14:00:35.503Z"],
    ]);
  });

  it("prints one dry-run record per entry", () => {
    expect(auditDryRunRecords(parseAuditPayload(payload()).entries)).toEqual([
      expect.objectContaining({ source: "azure_devops", kind: "audit", sourceId: expect.stringMatching(/^2518505060978539161;/), severity: "info", state: "recorded", signal: null, organization: "fabrikam" }),
      expect.objectContaining({ source: "azure_devops", kind: "audit", actionId: "Project.CreateCompleted", severity: "info", state: "recorded" }),
    ]);
  });

  it("refuses entries it cannot file: no organization id for an unknown org, or two orgs at once", async () => {
    const entry = { id: "1;x;y", actionId: "Git.RefUpdatePoliciesBypassed", timestamp: "2026-10-01T00:00:00Z", area: "Git", category: "modify" };
    await expect(importAuditEntries(parseAuditPayload([entry]).entries, { organization: "nobody" })).rejects.toThrow(AuditImportError);
    // Known by name (from the first import): entries without scopeId are filed under it.
    expect(await importAuditEntries(parseAuditPayload([entry]).entries, { organization: "fabrikam" })).toMatchObject({ created: 1 });
    const twoOrgs = [
      { ...entry, id: "2;x;y", scopeType: "organization", scopeId: "a", scopeDisplayName: "a (Organization)" },
      { ...entry, id: "3;x;y", scopeType: "organization", scopeId: "b", scopeDisplayName: "b (Organization)" },
    ];
    await expect(importAuditEntries(parseAuditPayload(twoOrgs).entries)).rejects.toThrow(/mixes 2 organizations/);
  });
});
