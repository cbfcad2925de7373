// The audit log query: every page matches the owners' spec, and paging a time window across
// continuation tokens yields exactly the world's entries in it, newest first, none twice and
// none missing; retention clamps old start times; the actions list matches the spec too.
import { describe, expect, it } from "vitest";
import { AUDIT_RETENTION_DAYS, auditEntry, auditIndexAtOrAfter, type AdoOrg } from "../world/azure-devops";
import { admin, useEmulators } from "../test-support/start";
import { adoGet, readAuditLog, type AuditPage } from "./testing/ado-client";
import { auditSpec, exampleBody } from "./testing/audit-spec";

const DAY = 86_400_000;

describe("Azure DevOps audit log", () => {
  const emulators = useEmulators(["azureDevOps"]);
  const { check } = auditSpec();
  const ctx = () => emulators().ctx;
  const org = (): AdoOrg => ctx().world.azureDevOps[0]!;

  /** The world's entries with start <= timestamp < end, newest first (straight from the world). */
  function worldWindow(start: number, end: number): { correlationId: string; timestamp: number }[] {
    const lo = auditIndexAtOrAfter(org(), start);
    const hi = auditIndexAtOrAfter(org(), end);
    const out = [];
    for (let i = hi - 1; i >= lo; i--) {
      const seed = auditEntry(ctx().world.seed, org(), i, ctx().world.entra.users.length);
      out.push({ correlationId: seed.correlationId, timestamp: seed.timestamp });
    }
    return out;
  }

  it("accepts the owners' examples and rejects corrupted ones (validator check)", () => {
    check("Audit Log_Query", exampleBody("auditLog/GET__AuditLog_QueryLog_by_date.json").body);
    check("Actions_List", exampleBody("actions/GET__AuditLog_GetActions_by_areaName.json").body);
    const corrupted = structuredClone(exampleBody("auditLog/GET__AuditLog_QueryLog_by_date.json").body) as AuditPage;
    (corrupted.decoratedAuditLogEntries[0] as Record<string, unknown>).category = "Modify";
    expect(() => check("Audit Log_Query", corrupted)).toThrow(/allowed values/);
    (corrupted.decoratedAuditLogEntries[0] as Record<string, unknown>).category = "modify";
    (corrupted.decoratedAuditLogEntries[0] as Record<string, unknown>).actorName = "x";
    expect(() => check("Audit Log_Query", corrupted)).toThrow(/unevaluated/);
  });

  it("pages a time window across continuation tokens: exactly the world's entries, newest first", async () => {
    const end = ctx().world.now - 3 * DAY;
    const start = ctx().world.now - 40 * DAY;
    const expected = worldWindow(start, end);
    const { entries, pages } = await readAuditLog(
      ctx(),
      org().name,
      { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), batchSize: "7", skipAggregation: "true" },
      (page) => check("Audit Log_Query", page),
    );
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(entries.map((e) => e.correlationId)).toEqual(expected.map((e) => e.correlationId));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    // Ids sort like the service's: newest first as equal-length strings.
    expect([...entries.map((e) => e.id)].sort()).toEqual(entries.map((e) => e.id));
    for (const [i, entry] of entries.entries()) {
      expect(entry.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
      expect(Math.floor(Date.parse(entry.timestamp))).toBe(expected[i]!.timestamp);
    }
  });

  it("continues from a token alone, the way some clients page", async () => {
    const first = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=5&skipAggregation=true`);
    const next = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=5&skipAggregation=true&continuationToken=${encodeURIComponent(first.body.continuationToken!)}`);
    const expected = worldWindow(0, ctx().world.now + 1).slice(0, 10).map((e) => e.correlationId);
    expect([...first.body.decoratedAuditLogEntries, ...next.body.decoratedAuditLogEntries].map((e) => e.correlationId)).toEqual(expected);
    expect(first.body.continuationToken).toBe(first.body.decoratedAuditLogEntries[4]!.id);
  });

  it("keeps 90 days: an older startTime is clamped to the retention window", async () => {
    const { entries } = await readAuditLog(ctx(), org().name, { startTime: new Date(ctx().world.now - 400 * DAY).toISOString(), skipAggregation: "true" });
    expect(entries).toHaveLength(worldWindow(ctx().world.now - AUDIT_RETENTION_DAYS * DAY, ctx().world.now + 1).length);
  });

  it("defaults to batches of 200, caps larger requests, and rejects bad parameters", async () => {
    const big = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=5000&skipAggregation=true`);
    expect(big.body.decoratedAuditLogEntries).toHaveLength(200);
    expect(big.body.hasMore).toBe(true);
    const plain = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&skipAggregation=true`);
    expect(plain.body.decoratedAuditLogEntries).toHaveLength(200);
    expect((await adoGet(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=0`)).status).toBe(400);
    expect((await adoGet(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&startTime=yesterday`)).status).toBe(400);
    expect((await adoGet(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&continuationToken=garbage`)).status).toBe(400);
  });

  it("demands the -preview flag, as for any preview-only resource", async () => {
    const released = await adoGet<{ typeKey: string; message: string }>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1`);
    expect(released.status).toBe(400);
    expect(released.body.typeKey).toBe("VssInvalidPreviewVersionException");
    expect((await adoGet<{ typeKey: string }>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=9.0-preview.1`)).body.typeKey).toBe("VssVersionOutOfRangeException");
    expect((await adoGet(ctx(), `/nope/_apis/audit/auditlog?api-version=7.1-preview.1`)).status).toBe(404);
  });

  it("lists the audit actions, optionally by area, in the documented collection shape", async () => {
    const all = await adoGet<{ count: number; value: { area: string; actionId: string }[] }>(ctx(), `/${org().name}/_apis/audit/actions?api-version=7.1-preview.1`);
    check("Actions_List", all.body.value);
    expect(all.body.count).toBe(all.body.value.length);
    const security = await adoGet<{ value: { area: string; actionId: string }[] }>(ctx(), `/${org().name}/_apis/audit/actions?api-version=7.1-preview.1&areaName=Security`);
    expect(security.body.value.map((a) => a.actionId)).toEqual(["Security.ModifyPermission", "Security.RemovePermission", "Group.UpdateGroupMembership.Add", "Group.UpdateGroupMembership.Remove"]);
  });

  // Last in the file: it moves the world's clock.
  it("keeps paging consistent when new entries arrive between pages", async () => {
    const end = ctx().world.now - 2 * DAY;
    const start = ctx().world.now - 30 * DAY;
    const expected = worldWindow(start, end).map((e) => e.correlationId);
    const params = new URLSearchParams({ startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString(), batchSize: "10", skipAggregation: "true", "api-version": "7.1-preview.1" });
    const first = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?${params}`);
    await admin(emulators(), "POST", "/mutate", { fraction: 0.05 });
    const rest = await readAuditLog(ctx(), org().name, Object.fromEntries(params), undefined);
    expect(rest.entries.map((e) => e.correlationId)).toEqual(expected);
    params.set("continuationToken", first.body.continuationToken!);
    const second = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?${params}`);
    expect([...first.body.decoratedAuditLogEntries, ...second.body.decoratedAuditLogEntries].map((e) => e.correlationId)).toEqual(expected.slice(0, 20));
    // The new entries are there for the next sync, newest first.
    const newest = await adoGet<AuditPage>(ctx(), `/${org().name}/_apis/audit/auditlog?api-version=7.1-preview.1&batchSize=1&skipAggregation=true`);
    expect(Date.parse(newest.body.decoratedAuditLogEntries[0]!.timestamp)).toBeGreaterThan(end + 2 * DAY - 1);
  });
});
