import { describe, expect, it } from "vitest";
import { database } from "../db";
import { getSyncStatus } from "./sync-status";

describe("getSyncStatus", () => {
  it("shows the latest run per stream with progress measured against the last full run", async () => {
    const { prisma } = database();
    const connection = await prisma.connection.create({ data: { kind: "github_token", displayName: `status ${Date.now()}`, baseUrl: "https://api.github.test" } });
    const base = { connectionId: connection.id, source: "github" as const, stream: "dependabot-alerts", scopeKey: "contoso" };
    const t0 = new Date("2026-11-20T10:00:00Z");
    await prisma.syncRun.create({ data: { ...base, mode: "full", status: "succeeded", itemsSeen: 1000, queuedAt: t0, startedAt: t0, finishedAt: new Date(t0.getTime() + 100_000) } });
    const started = new Date("2026-11-21T10:00:00Z");
    await prisma.syncRun.create({ data: { ...base, mode: "full", status: "running", itemsSeen: 250, requestsSpent: 3, rateLimitRemaining: 4990, queuedAt: started, startedAt: started, heartbeatAt: new Date(started.getTime() + 10_000) } });

    const rows = (await getSyncStatus(new Date(started.getTime() + 10_000))).filter((r) => r.connectionName === connection.displayName);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "running", itemsSeen: 250, expectedItems: 1000, throughput: 25, etaSeconds: 30, requestsSpent: 3, rateLimitRemaining: 4990 });
  });
});
