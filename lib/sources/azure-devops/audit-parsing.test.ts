// Parsing the audit log as the owners document it: the spec example's { value }-wrapped result
// and the documented bare result give the same page; each example entry maps to the row
// written down here, with every field kept; saved payloads of every shape import, and what
// cannot be mapped is reported with its reason.
import { describe, expect, it } from "vitest";
import { auditExampleBody, haveAuditFixtures } from "../../../test/azure-devops-fixtures";
import { AuditPageShapeError, parseAuditPage } from "./audit-schemas";
import { ENTRY_FIELDS_KEY, mapAuditEntry, parseAuditTimestamp, type AuditEventRecord } from "./map-audit-entry";
import { parseAuditPayload } from "./audit-payload";

const QUERY_EXAMPLE = "auditLog/GET__AuditLog_QueryLog_by_date.json";

function mapped(raw: unknown): AuditEventRecord {
  const result = mapAuditEntry(raw);
  if (!result.ok) throw new Error(result.error);
  expect(result.warnings).toEqual([]);
  return result.record;
}

describe.skipIf(!haveAuditFixtures)("the owners' audit log query example", () => {
  const wrapped = () => auditExampleBody(QUERY_EXAMPLE) as { value: { decoratedAuditLogEntries: Record<string, unknown>[] } };

  it("reads the spec example's { value } wrapper and the documented bare result alike", () => {
    const fromWrapped = parseAuditPage(wrapped());
    const fromDocumented = parseAuditPage(wrapped().value);
    expect(fromWrapped).toEqual(fromDocumented);
    expect(fromWrapped.entries).toHaveLength(2);
    expect(fromWrapped.hasMore).toBe(false);
    expect(fromWrapped.continuationToken).toBe("2518505063644965580;00000002-0000-8888-8000-000000000000;198b13cf-5201-48e8-acef-0d8bb2d9e815");
  });

  it("maps the aggregated AuditLog.AccessLog entry with every field kept", () => {
    const raw = wrapped().value.decoratedAuditLogEntries[0]!;
    const record = mapped(raw);
    expect(record).toMatchObject({
      sourceId: "2518505060978539161;00000064-0000-8888-8000-000000000000;86fbe369-3f5d-4f52-9ab0-3be7db271948",
      correlationId: "86fbe369-3f5d-4f52-9ab0-3be7db271948",
      activityId: "033fde68-f713-4984-b24f-8d7a73d1ade6",
      actionId: "AuditLog.AccessLog",
      area: "Auditing",
      category: "access",
      categoryName: "Access",
      scopeType: "organization",
      scopeDisplayName: "fabrikam (Organization)",
      scopeId: "73638cd5-0dda-4128-9fd6-48c16d4e4de3",
      projectId: null,
      actorUserId: "d6a98b6c-6932-485c-a986-aea9fc981df0",
      actorUpn: null,
      actorDisplayName: "Norman Paulk",
      ipAddress: "167.220.148.131",
      details: "Accessed the audit log 3 times",
    });
    // Cut, not rounded, to the column's milliseconds; the exact time stays with the entry.
    expect(record.occurredAt.toISOString()).toBe("2019-03-05T14:05:02.146Z");
    const { [ENTRY_FIELDS_KEY]: others, ...data } = record.data;
    expect(data).toEqual(raw.data);
    expect(others).toEqual({
      actorCUID: "a718550e-4777-4058-8298-bff88d0cb524",
      authenticationMechanism: "FedAuth",
      timestamp: "2019-03-05T14:05:02.1460838+00:00",
      scopeId: "73638cd5-0dda-4128-9fd6-48c16d4e4de3",
      actorImageUrl: "https://dev.azure.com/fabrikam/_apis/GraphProfile/MemberAvatars/aad.NzdhMTNiN2MtYjIxNy03NDc4LWIxMjItYTlhMTU5YTFlNWQw",
    });
  });

  it("maps the service-initiated Project.CreateCompleted entry, nulls included", () => {
    const record = mapped(wrapped().value.decoratedAuditLogEntries[1]);
    expect(record).toMatchObject({ actionId: "Project.CreateCompleted", area: "Project", category: "create", ipAddress: null, userAgent: "", actorDisplayName: "Azure DevOps Service" });
    expect(record.data).toMatchObject({ ProjectVisibility: "Private", [ENTRY_FIELDS_KEY]: { authenticationMechanism: "", actorImageUrl: null } });
    expect(record.occurredAt.toISOString()).toBe("2019-03-05T14:00:35.503Z");
  });

  it("imports the saved example payload in either shape", () => {
    for (const payload of [wrapped(), wrapped().value]) {
      const parsed = parseAuditPayload(payload);
      expect(parsed.unmappable).toEqual([]);
      expect(parsed.entries.map((e) => e.actionId)).toEqual(["AuditLog.AccessLog", "Project.CreateCompleted"]);
    }
  });
});

describe("audit log parsing, scenarios", () => {
  const entry = { id: "1;a;b", actionId: "Git.RefUpdatePoliciesBypassed", timestamp: "2026-10-30T08:00:00.9999999+00:00", area: "Git", category: "modify", data: { RepoName: "api" } };

  it("keeps fields Rampart does not know yet with the entry", () => {
    const record = mapped({ ...entry, riskScore: 7, actorClientId: "c0ffee00-0000-0000-0000-000000000000" });
    expect(record.data[ENTRY_FIELDS_KEY]).toEqual({ timestamp: entry.timestamp, riskScore: 7, actorClientId: "c0ffee00-0000-0000-0000-000000000000" });
  });

  it("never rounds a timestamp into the next millisecond", () => {
    expect(parseAuditTimestamp(entry.timestamp)?.toISOString()).toBe("2026-10-30T08:00:00.999Z");
    expect(parseAuditTimestamp("2026-10-30T08:00:00+00:00")?.toISOString()).toBe("2026-10-30T08:00:00.000Z");
    expect(parseAuditTimestamp("yesterday")).toBeNull();
  });

  it("fills a missing area from the action's prefix and says so", () => {
    const result = mapAuditEntry({ ...entry, area: null, category: undefined });
    expect(result.ok && result.record.area).toBe("Git");
    expect(result.ok && result.record.category).toBe("unknown");
    expect(result.ok && result.warnings).toHaveLength(2);
  });

  it("reports entries without an id or with an unreadable time, by reference", () => {
    expect(mapAuditEntry({ ...entry, id: undefined })).toMatchObject({ ok: false, reference: "Git.RefUpdatePoliciesBypassed@2026-10-30T08:00:00.9999999+00:00", error: expect.stringMatching(/^id:/) });
    expect(mapAuditEntry({ ...entry, timestamp: "soon" })).toMatchObject({ ok: false, reference: "1;a;b", error: expect.stringMatching(/timestamp/) });
  });

  it("rejects a page that is not a query result, and infers hasMore only when it is missing", () => {
    expect(() => parseAuditPage({ entries: [] })).toThrow(AuditPageShapeError);
    expect(parseAuditPage({ decoratedAuditLogEntries: [entry], continuationToken: "1;a;b" }).hasMore).toBe(true);
    expect(parseAuditPage({ decoratedAuditLogEntries: [], continuationToken: "1;a;b" }).hasMore).toBe(false);
  });

  it("imports arrays (the download API), { count, value } lists and single entries; reports the rest", () => {
    expect(parseAuditPayload([entry, entry]).entries).toHaveLength(2);
    expect(parseAuditPayload({ count: 1, value: [entry] }).entries).toHaveLength(1);
    expect(parseAuditPayload(entry).entries).toHaveLength(1);
    const mixed = parseAuditPayload([entry, { actionId: "X.Y" }]);
    expect(mixed.entries).toHaveLength(1);
    expect(mixed.unmappable).toEqual([{ reason: expect.stringMatching(/^X\.Y@\?: /), raw: { actionId: "X.Y" } }]);
    const garbage = parseAuditPayload("hello");
    expect(garbage.entries).toEqual([]);
    expect(garbage.unmappable[0]!.reason).toMatch(/not an audit log payload/);
  });
});
