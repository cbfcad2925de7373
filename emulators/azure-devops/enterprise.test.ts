// Enterprise scale (20 orgs × 500k audit entries): pages from the middle of an org's log are
// computed on demand, quickly, and equal the world's entries, without the log ever being held
// in memory. Prints the timings and the process RSS for the record.
import { describe, expect, it } from "vitest";
import { auditCount, auditEntry, auditIndexAtOrAfter } from "../world/azure-devops";
import { useEmulators } from "../test-support/start";
import { adoGet, type AuditPage } from "./testing/ado-client";
import { auditSpec } from "./testing/audit-spec";

const DAY = 86_400_000;

describe("Azure DevOps audit log at enterprise scale", () => {
  const emulators = useEmulators(["azureDevOps"], { scale: "enterprise" });
  const { check } = auditSpec();

  it("serves pages from the middle of a 500k-entry log without materializing it", async () => {
    const ctx = emulators().ctx;
    const org = ctx.world.azureDevOps[7]!;
    expect(auditCount(org)).toBe(500_000);
    const start = ctx.world.now - 46 * DAY;
    const end = ctx.world.now - 45 * DAY;
    const hi = auditIndexAtOrAfter(org, end);

    const base = `/${org.name}/_apis/audit/auditlog?api-version=7.1-preview.1&skipAggregation=true&batchSize=200&startTime=${new Date(start).toISOString()}&endTime=${new Date(end).toISOString()}`;
    const timings: number[] = [];
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 5; page++) {
      const began = performance.now();
      const response = await adoGet<AuditPage>(ctx, `${base}${token ? `&continuationToken=${encodeURIComponent(token)}` : ""}`);
      timings.push(performance.now() - began);
      expect(response.status).toBe(200);
      check("Audit Log_Query", response.body);
      expect(response.body.hasMore).toBe(true);
      seen.push(...response.body.decoratedAuditLogEntries.map((e) => e.correlationId));
      token = response.body.continuationToken;
    }
    const expected = Array.from({ length: 1000 }, (_, k) => auditEntry(ctx.world.seed, org, hi - 1 - k, ctx.world.entra.users.length).correlationId);
    expect(seen).toEqual(expected);

    const rssMb = Math.round(process.memoryUsage().rss / 1_048_576);
    const entries = ctx.world.azureDevOps.reduce((n, o) => n + auditCount(o), 0);
    console.log(`[enterprise audit] ${entries} entries in ${ctx.world.azureDevOps.length} orgs; 5 pages of 200 from day 45: ${timings.map((t) => t.toFixed(1)).join(", ")} ms; RSS ${rssMb} MB`);
    expect(Math.max(...timings)).toBeLessThan(2_000);
    expect(rssMb).toBeLessThan(1_024);
  });
});
