// The findings CSV export through its handler: the viewer's scope decides the rows (a developer's
// export holds only their repositories), hostile titles cannot become spreadsheet formulas, and
// every export lands in the audit trail with its row count.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/session";
import { database } from "@/lib/db";
import { GET } from "./route";

async function fixture() {
  const { prisma } = database();
  const suffix = randomUUID().slice(0, 8);
  const org = await prisma.organization.create({ data: { source: "github", sourceId: `O_${suffix}`, login: `exp-${suffix}` } });
  const [mine, theirs] = await Promise.all(
    ["mine", "theirs"].map((name) => prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: `R_${name}_${suffix}`, name, fullName: `${org.login}/${name}` } })),
  );
  const team = await prisma.team.create({ data: { organizationId: org.id, source: "github", sourceId: `T_${suffix}`, slug: "core", name: "Core" } });
  await prisma.teamRepository.create({ data: { teamId: team.id, repositoryId: mine!.id, permission: "push" } });
  await prisma.teamMember.create({ data: { teamId: team.id, login: "dev" } });
  const upn = `dev-${suffix}@contoso.test`;
  await prisma.identityLink.create({ data: { tenantId: "", organizationId: org.id, provider: "github", login: "dev", origin: "saml", entraUpn: upn } });
  const base = { source: "github" as const, kind: "code" as const, organizationId: org.id, ruleId: "js/xss", severity: "high" as const, state: "open" as const, stage: "ci" as const, fingerprint: "f".repeat(64), firstSeenAt: new Date(), lastSeenAt: new Date() };
  await prisma.finding.createMany({
    data: [
      { ...base, sourceId: `code:${suffix}:1`, repositoryId: mine!.id, title: '=HYPERLINK("https://evil.example","click")' },
      { ...base, sourceId: `code:${suffix}:2`, repositoryId: mine!.id, title: "+cmd|' /C calc'!A0" },
      { ...base, sourceId: `code:${suffix}:3`, repositoryId: theirs!.id, title: `secret of the other team ${suffix}` },
    ],
  });
  const developer = await prisma.user.create({ data: { tenantId: "t", objectId: randomUUID(), upn } });
  const lead = await prisma.user.create({ data: { tenantId: "t", objectId: randomUUID(), upn: `lead-${suffix}@contoso.test` } });
  return {
    org,
    suffix,
    developer: await createSession({ userId: developer.id, roles: ["developer"], groups: [] }),
    lead: await createSession({ userId: lead.id, roles: ["security_reader"], groups: [] }),
  };
}

async function exportAs(token: string, query: string): Promise<{ status: number; text: string; bytes: Buffer }> {
  const response = await GET(new Request(`http://localhost/api/exports/findings?${query}`, { headers: { cookie: `rampart_session=${token}` } }));
  const bytes = Buffer.from(await response.arrayBuffer());
  // Decoded without dropping a BOM, so the test can see it.
  return { status: response.status, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), bytes };
}

describe("GET /api/exports/findings", () => {
  it("holds only the developer's repositories, neutralizes formulas, and is audited with its row count", async () => {
    const f = await fixture();
    const dev = await exportAs(f.developer.token, `organization=${f.org.id}&bom=1`);
    expect(dev.status).toBe(200);
    expect([...dev.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(dev.text.startsWith("\uFEFFid,source,kind,severity")).toBe(true);
    const lines = dev.text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(dev.text).not.toContain(`secret of the other team ${f.suffix}`);
    expect(dev.text).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(dev.text).toContain(`'+cmd|' /C calc'!A0`);
    for (const line of lines.slice(1)) expect(line.split(",")[6]).toMatch(/^"?'/);

    const lead = await exportAs(f.lead.token, `organization=${f.org.id}`);
    expect(lead.text.trim().split("\r\n")).toHaveLength(4);
    expect(lead.text).toContain(`secret of the other team ${f.suffix}`);

    const audit = await database().prisma.appAuditEvent.findMany({ where: { action: "export.created" }, orderBy: { id: "desc" }, take: 2 });
    expect(audit.map((a) => (a.details as { rows: number }).rows).sort()).toEqual([2, 3]);
  });

  it("refuses an auditor (no finding details) and an anonymous caller", async () => {
    const { prisma } = database();
    const user = await prisma.user.create({ data: { tenantId: "t", objectId: randomUUID(), upn: "auditor@contoso.test" } });
    const auditor = await createSession({ userId: user.id, roles: ["auditor"], groups: [] });
    expect((await exportAs(auditor.token, "")).status).toBe(403);
    expect((await exportAs("nobody", "")).status).toBe(401);
  });
});
