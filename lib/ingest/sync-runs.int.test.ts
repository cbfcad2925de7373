import { describe, expect, inject, it, beforeAll } from "vitest";
import { database } from "../db";
import { beginRun, commitFindingsPage, finishRun, tryLockStream, type StreamKey } from "./sync-runs";
import type { NormalizedFinding } from "./normalized-finding";

let connectionId = "";
const key = (): StreamKey => ({ connectionId, source: "github", stream: "code-scanning-alerts", scopeKey: "contoso" });

function finding(n: number, overrides: Partial<NormalizedFinding> = {}): NormalizedFinding {
  return {
    source: "github", sourceId: `code_scanning:sync-runs-${connectionId}:${n}`, kind: "code", repositorySourceId: null, cloudResourceId: null,
    ruleId: "r", ruleName: null, title: "t", severity: "low", sourceSeverity: null, state: "open", stage: "ci",
    fingerprint: "c".repeat(64), locationPath: null, locationLine: null, details: {}, url: null, cveId: null, cvssScore: null,
    sourceCreatedAt: new Date("2026-10-01T00:00:00Z"), sourceUpdatedAt: null, fixedAt: null, dismissedAt: null,
    dismissedReason: null, dismissedBy: null, resolvedAt: null, ...overrides,
  };
}

beforeAll(async () => {
  const c = await database().prisma.connection.create({ data: { kind: "github_token", displayName: `sync-runs ${Date.now()}`, baseUrl: "https://api.github.test" } });
  connectionId = c.id;
});

describe("sync runs", () => {
  it.skipIf(inject("embedded"))("lets one worker hold a stream at a time", async () => {
    const first = await tryLockStream(key());
    expect(first).not.toBeNull();
    expect(await tryLockStream(key())).toBeNull();
    expect(await tryLockStream({ ...key(), stream: "dependabot-alerts" }).then(async (l) => (await l?.release(), l !== null))).toBe(true);
    await first!.release();
    const again = await tryLockStream(key());
    expect(again).not.toBeNull();
    await again!.release();
  });

  it("commits a page's findings and the cursor together, and resumes a dead worker's run from it", async () => {
    const run = await beginRun(key(), "full", "worker-a");
    expect(run.cursor).toBeNull();
    await commitFindingsPage(run, [finding(1), finding(2)], { cursor: { after: "cursor-2" }, itemsSeen: 2, requests: 1, rateLimitRemaining: 4999 }, { organizationId: null, observedAt: new Date() });

    // worker-a dies here. The next run of the stream picks up its cursor and closes it as failed.
    const resumed = await beginRun(key(), "full", "worker-b");
    expect(resumed.cursor).toEqual({ after: "cursor-2" });
    const dead = await database().prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([dead.status, dead.errorCode, dead.itemsSeen, dead.itemsCreated, dead.requestsSpent, dead.rateLimitRemaining]).toEqual(["failed", "worker_stopped", 2, 2, 1, 4999]);

    await finishRun(resumed, { status: "succeeded", checkpoint: { updatedSince: "2026-11-01T00:00:00Z" } });
    const checkpoint = await database().prisma.syncCheckpoint.findUniqueOrThrow({ where: { connectionId_stream_scopeKey: { connectionId, stream: key().stream, scopeKey: key().scopeKey } } });
    expect(checkpoint.position).toEqual({ updatedSince: "2026-11-01T00:00:00Z" });
    expect(checkpoint.lastFullSyncAt).not.toBeNull();

    const next = await beginRun(key(), "incremental", "worker-b");
    expect(next.cursor).toBeNull();
    expect(next.checkpoint).toEqual({ updatedSince: "2026-11-01T00:00:00Z" });
    await finishRun(next, { status: "succeeded" });
  });

  it("rolls back the page's data and cursor together when the write fails", async () => {
    const run = await beginRun(key(), "full", "worker-c");
    await commitFindingsPage(run, [finding(10)], { cursor: { after: "c10" }, itemsSeen: 1, requests: 1, rateLimitRemaining: null }, { organizationId: null, observedAt: new Date() });
    const bad = finding(11, { fingerprint: "not-hex-and-too-long".repeat(10) });
    await expect(commitFindingsPage(run, [finding(12), bad], { cursor: { after: "c12" }, itemsSeen: 2, requests: 1, rateLimitRemaining: null }, { organizationId: null, observedAt: new Date() })).rejects.toThrow();
    const row = await database().prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.cursor).toEqual({ after: "c10" });
    expect(row.itemsSeen).toBe(1);
    expect(await database().prisma.finding.count({ where: { sourceId: finding(12).sourceId } })).toBe(0);
    await finishRun(run, { status: "failed", errorCode: "write_failed", error: "test" });
  });
});
