import { describe, expect, it } from "vitest";
import { database } from "../db";
import { getInventorySummary } from "./inventory";
import { testViewer } from "../../test/viewers";

describe("getInventorySummary", () => {
  it("counts what has been ingested: live inventory and open findings only", async () => {
    const { prisma } = database();
    const lead = testViewer(["security_reader"]);
    const before = await getInventorySummary(lead);

    const connection = await prisma.connection.create({
      data: { kind: "github_token", displayName: "acme (test)", baseUrl: "https://api.github.test" },
    });
    const org = await prisma.organization.create({
      data: { connectionId: connection.id, source: "github", sourceId: `O_${connection.id}`, login: `acme-${connection.id.slice(0, 8)}` },
    });
    const repo = await prisma.repository.create({
      data: { organizationId: org.id, source: "github", sourceId: `R_${org.id}`, name: "api", fullName: `${org.login}/api` },
    });
    await prisma.repository.create({
      data: { organizationId: org.id, source: "github", sourceId: `R_gone_${org.id}`, name: "old", fullName: `${org.login}/old`, deletedAt: new Date() },
    });
    const common = {
      source: "github" as const,
      kind: "code" as const,
      repositoryId: repo.id,
      organizationId: org.id,
      ruleId: "js/sql-injection",
      title: "SQL injection",
      severity: "high" as const,
      stage: "ci" as const,
      fingerprint: "a".repeat(64),
      firstSeenAt: new Date("2026-10-01T00:00:00Z"),
      lastSeenAt: new Date("2026-11-01T00:00:00Z"),
    };
    await prisma.finding.createMany({
      data: [
        { ...common, sourceId: `code:${repo.fullName}:1`, state: "open" },
        { ...common, sourceId: `code:${repo.fullName}:2`, state: "fixed", fixedAt: new Date() },
      ],
    });
    const finishedAt = new Date("2026-11-20T10:00:00Z");
    await prisma.syncRun.create({
      data: { connectionId: connection.id, source: "github", stream: "code_scanning", scopeKey: org.login, mode: "full", status: "succeeded", finishedAt },
    });

    const after = await getInventorySummary(lead);
    expect(after.connections - before.connections).toBe(1);
    expect(after.organizations - before.organizations).toBe(1);
    expect(after.repositories - before.repositories).toBe(1);
    expect(after.openFindings - before.openFindings).toBe(1);
    expect(after.lastSyncAt?.getTime()).toBeGreaterThanOrEqual(finishedAt.getTime());

    // A developer counts only their own repositories and what hangs off them.
    const owner = await getInventorySummary(testViewer(["developer"], [repo.id]));
    expect(owner).toMatchObject({ organizations: 1, repositories: 1, openFindings: 1 });
    const stranger = await getInventorySummary(testViewer(["developer"], []));
    expect(stranger).toMatchObject({ organizations: 0, repositories: 0, openFindings: 0 });
  });
});

describe("schema constraints", () => {
  it("keeps one finding per (source, source id)", async () => {
    const { prisma } = database();
    const data = {
      source: "defender" as const,
      sourceId: `/subscriptions/x/providers/Microsoft.Security/assessments/unique-${Date.now()}`,
      kind: "cloud_recommendation" as const,
      ruleId: "r",
      title: "t",
      severity: "low" as const,
      state: "open" as const,
      stage: "operate" as const,
      fingerprint: "b".repeat(64),
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
    };
    await prisma.finding.create({ data });
    await expect(prisma.finding.create({ data })).rejects.toThrow(/Unique constraint/);
  });

  it("orders severities worst first in SQL, as the explorer relies on", async () => {
    const { pool } = database();
    const { rows } = await pool.query<{ s: string }>(
      `SELECT unnest(ARRAY['low','critical','info','high','medium']::severity[]) AS s ORDER BY 1`,
    );
    expect(rows.map((r) => r.s)).toEqual(["critical", "high", "medium", "low", "info"]);
  });
});
