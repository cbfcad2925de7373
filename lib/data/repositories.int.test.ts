// Repository lists: name order by default, "what to fix first" order for My repositories, and
// only the viewer's repositories either way.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { database } from "../db";
import { testViewer } from "../../test/viewers";
import { listRepositories } from "./repositories";

describe("listRepositories", () => {
  it("ranks by open critical, then high, then medium findings when asked, within the viewer's scope", async () => {
    const { prisma } = database();
    const suffix = randomUUID().slice(0, 8);
    const org = await prisma.organization.create({ data: { source: "github", sourceId: `O_${suffix}`, login: `rank-${suffix}` } });
    const repo = (name: string) => prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: `R_${name}_${suffix}`, name, fullName: `${org.login}/${name}` } });
    const [aQuiet, bHigh, cCritical, dHidden] = await Promise.all([repo("a-quiet"), repo("b-high"), repo("c-critical"), repo("d-hidden")]);
    const finding = (repositoryId: string, severity: "critical" | "high", n: number) => ({
      source: "github" as const, kind: "code" as const, organizationId: org.id, repositoryId, ruleId: "r", title: "t", severity, state: "open" as const, stage: "ci" as const,
      fingerprint: "e".repeat(64), firstSeenAt: new Date(), lastSeenAt: new Date(), sourceId: `code:${repositoryId}:${severity}:${n}`,
    });
    await prisma.finding.createMany({ data: [finding(bHigh.id, "high", 1), finding(bHigh.id, "high", 2), finding(cCritical.id, "critical", 1), finding(dHidden.id, "critical", 1), finding(dHidden.id, "critical", 2)] });
    const viewer = testViewer(["developer"], [aQuiet.id, bHigh.id, cCritical.id]);
    const mine = new Set([aQuiet.id, bHigh.id, cCritical.id, dHidden.id]);
    const byRisk = await listRepositories(viewer, { onlyIds: mine, orderBy: "risk" });
    expect(byRisk.rows.map((r) => r.fullName.split("/")[1])).toEqual(["c-critical", "b-high", "a-quiet"]);
    expect(byRisk.total).toBe(3);
    const byName = await listRepositories(viewer, { onlyIds: mine });
    expect(byName.rows.map((r) => r.fullName.split("/")[1])).toEqual(["a-quiet", "b-high", "c-critical"]);
  });
});
