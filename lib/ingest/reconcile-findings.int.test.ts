import { describe, expect, it, beforeAll } from "vitest";
import { database } from "../db";
import { fingerprint } from "./fingerprint";
import type { NormalizedFinding } from "./normalized-finding";
import { reconcileFindings, type ReconcileContext } from "./reconcile-findings";

const run = `${Date.now()}`;
let repoSourceId = "";
let orgId = "";

function finding(n: number, overrides: Partial<NormalizedFinding> = {}): NormalizedFinding {
  return {
    source: "github",
    sourceId: `code:reconcile-${run}/api:${n}`,
    kind: "code",
    repositorySourceId: repoSourceId,
    cloudResourceId: null,
    ruleId: "js/sql-injection",
    ruleName: "sql-injection",
    title: "Database query built from user-controlled sources",
    severity: "high",
    sourceSeverity: "error/high",
    state: "open",
    stage: "ci",
    fingerprint: fingerprint({ kind: "code", subject: `reconcile-${run}/api`, ruleId: "js/sql-injection", location: `src/db.ts:${n}` }),
    locationPath: "src/db.ts",
    locationLine: n,
    details: { tool: "CodeQL" },
    url: `https://github.test/reconcile-${run}/api/security/code-scanning/${n}`,
    cveId: null,
    cvssScore: null,
    sourceCreatedAt: new Date("2026-09-01T10:00:00Z"),
    sourceUpdatedAt: new Date("2026-09-01T10:00:00Z"),
    fixedAt: null,
    dismissedAt: null,
    dismissedReason: null,
    dismissedBy: null,
    resolvedAt: null,
    ...overrides,
  };
}

async function reconcile(batch: NormalizedFinding[], observedAt = new Date("2026-11-01T00:00:00Z")) {
  const ctx: ReconcileContext = { connectionId: null, organizationId: orgId, syncRunId: null, observedAt };
  const client = await database().pool.connect();
  try {
    await client.query("BEGIN");
    const result = await reconcileFindings(client, batch, ctx);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

async function eventsOf(sourceId: string) {
  const { prisma } = database();
  const f = await prisma.finding.findUniqueOrThrow({ where: { source_sourceId: { source: "github", sourceId } }, include: { events: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } } });
  return { finding: f, events: f.events.map((e) => ({ type: e.type, from: e.fromState, to: e.toState, at: e.occurredAt.toISOString(), actor: e.actor })) };
}

beforeAll(async () => {
  const { prisma } = database();
  const org = await prisma.organization.create({ data: { source: "github", sourceId: `org-${run}`, login: `reconcile-${run}` } });
  orgId = org.id;
  repoSourceId = `repo-${run}`;
  await prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: repoSourceId, name: "api", fullName: `reconcile-${run}/api` } });
});

describe("reconcileFindings", () => {
  it("creates new findings with an opened event, and a closing event at the source's time when already closed", async () => {
    const result = await reconcile([
      finding(1),
      finding(2, { state: "fixed", fixedAt: new Date("2026-09-20T08:00:00Z"), sourceUpdatedAt: new Date("2026-09-20T08:00:00Z") }),
    ]);
    expect(result).toEqual({ created: 2, updated: 0, events: 3, unmappedRepositories: 0 });
    const one = await eventsOf(finding(1).sourceId);
    expect(one.finding.repositoryId).not.toBeNull();
    expect(one.finding.organizationId).toBe(orgId);
    expect(one.events).toEqual([{ type: "opened", from: null, to: "open", at: "2026-09-01T10:00:00.000Z", actor: null }]);
    const two = await eventsOf(finding(2).sourceId);
    expect(two.events.map((e) => [e.type, e.at])).toEqual([["opened", "2026-09-01T10:00:00.000Z"], ["fixed", "2026-09-20T08:00:00.000Z"]]);
  });

  it("changes nothing when the same batch arrives again", async () => {
    const before = await eventsOf(finding(1).sourceId);
    const result = await reconcile([finding(1), finding(2, { state: "fixed", fixedAt: new Date("2026-09-20T08:00:00Z"), sourceUpdatedAt: new Date("2026-09-20T08:00:00Z") })], new Date("2026-11-02T00:00:00Z"));
    expect(result).toEqual({ created: 0, updated: 0, events: 0, unmappedRepositories: 0 });
    const after = await eventsOf(finding(1).sourceId);
    expect(after.finding.updatedAt).toEqual(before.finding.updatedAt);
  });

  it("records dismissals with who and why, reopenings and severity changes at the source's times", async () => {
    const result = await reconcile([
      finding(1, { state: "dismissed", dismissedAt: new Date("2026-10-05T12:00:00Z"), dismissedBy: "dana-weber", dismissedReason: "false positive", sourceUpdatedAt: new Date("2026-10-05T12:00:00Z") }),
      finding(2, { state: "open", sourceUpdatedAt: new Date("2026-10-06T09:30:00Z") }),
    ]);
    expect(result).toMatchObject({ created: 0, updated: 2, events: 2 });
    expect((await eventsOf(finding(1).sourceId)).events.at(-1)).toEqual({ type: "dismissed", from: "open", to: "dismissed", at: "2026-10-05T12:00:00.000Z", actor: "dana-weber" });
    expect((await eventsOf(finding(2).sourceId)).events.at(-1)).toEqual({ type: "reopened", from: "fixed", to: "open", at: "2026-10-06T09:30:00.000Z", actor: null });

    await reconcile([finding(2, { severity: "critical", sourceUpdatedAt: new Date("2026-10-07T00:00:00Z") })]);
    const sev = await database().prisma.findingEvent.findFirstOrThrow({ where: { type: "severity_changed", finding: { sourceId: finding(2).sourceId } } });
    expect([sev.fromSeverity, sev.toSeverity, sev.occurredAt.toISOString()]).toEqual(["high", "critical", "2026-10-07T00:00:00.000Z"]);
  });

  it("files findings of an unknown repository under the organization and says so", async () => {
    const result = await reconcile([finding(3, { sourceId: `code:elsewhere-${run}:1`, repositorySourceId: "no-such-repo" })]);
    expect(result).toMatchObject({ created: 1, unmappedRepositories: 1 });
    const row = await database().prisma.finding.findUniqueOrThrow({ where: { source_sourceId: { source: "github", sourceId: `code:elsewhere-${run}:1` } } });
    expect(row.repositoryId).toBeNull();
    expect(row.organizationId).toBe(orgId);
  });

  it("keeps the last copy when a batch repeats an alert (pages shifting mid-sync)", async () => {
    const result = await reconcile([finding(4), finding(4, { state: "fixed", fixedAt: new Date("2026-10-01T00:00:00Z") })]);
    expect(result.created).toBe(1);
    expect((await eventsOf(finding(4).sourceId)).finding.state).toBe("fixed");
  });

  it("writes a 2,000-finding batch in two statements (lock, reconcile)", async () => {
    const batch = Array.from({ length: 2000 }, (_, i) => finding(10_000 + i));
    const client = await database().pool.connect();
    let statements = 0;
    const query = client.query.bind(client);
    (client as unknown as { query: typeof query }).query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof query;
    try {
      const result = await reconcileFindings(client, batch, { connectionId: null, organizationId: orgId, syncRunId: null, observedAt: new Date() });
      expect(result.created).toBe(2000);
      expect(statements).toBe(2);
    } finally {
      client.release();
    }
  });
});
