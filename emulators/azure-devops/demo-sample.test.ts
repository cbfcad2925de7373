// A sample at demo scale: a whole org's 90-day log read with the service's default aggregation
// covers every world entry exactly once (folded AccessLog entries included), each page valid.
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_RETENTION_DAYS, auditEntry, auditIndexAtOrAfter } from "../world/azure-devops";
import { useEmulators } from "../test-support/start";
import { readAuditLog } from "./testing/ado-client";
import { auditSpec } from "./testing/audit-spec";

describe("Azure DevOps audit log at demo scale", () => {
  const emulators = useEmulators(["azureDevOps"], { scale: "demo" });
  const { check } = auditSpec();

  it("reads each org's retained log with aggregation: every entry once, AccessLog runs folded", async () => {
    const ctx = emulators().ctx;
    let folded = 0;
    for (const org of ctx.world.azureDevOps) {
      const lo = auditIndexAtOrAfter(org, ctx.world.now - AUDIT_RETENTION_DAYS * 86_400_000);
      const hi = auditIndexAtOrAfter(org, ctx.world.now + 1);
      const { entries, pages } = await readAuditLog(ctx, org.name, {}, (page) => check("Audit Log_Query", page));
      expect(pages).toBeGreaterThanOrEqual(Math.ceil((hi - lo) / 200) - 1);
      const covered = entries.reduce((n, e) => n + (Array.isArray(e.data.EventSummary) ? e.data.EventSummary.length : 1), 0);
      expect(covered).toBe(hi - lo);
      expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);

      // Runs of AccessLog entries by one actor, straight from the world.
      let runs = 0;
      for (let i = hi - 1; i > lo; i--) {
        const a = auditEntry(ctx.world.seed, org, i, ctx.world.entra.users.length);
        const b = auditEntry(ctx.world.seed, org, i - 1, ctx.world.entra.users.length);
        const access = (s: typeof a) => AUDIT_ACTIONS[s.actionIndex]!.actionId === "AuditLog.AccessLog";
        if (access(a) && access(b) && a.actorIndex === b.actorIndex) runs++;
      }
      const aggregated = entries.filter((e) => Array.isArray(e.data.EventSummary));
      expect(aggregated.reduce((n, e) => n + (e.data.EventSummary as unknown[]).length - 1, 0)).toBe(runs);
      for (const entry of aggregated) expect(entry.details).toMatch(/^Accessed the audit log \d+ times$/);
      folded += runs;
    }
    expect(folded).toBeGreaterThan(0);
  });
});
