// Evidence packs list every framework requirement, attach the controls mapped to it, and carry
// the findings behind failures.
import { describe, expect, it } from "vitest";
import { buildEvidencePack, worstStatus } from "./evidence-pack";
import { frameworkRequirements, SCORECARD_CHECKS } from "./frameworks";
import { samplePostureReport } from "./sample";

describe("frameworks", () => {
  it("lists SSDF 1.1 tasks (42) in practice order and the Scorecard checks", () => {
    const ssdf = frameworkRequirements("ssdf");
    expect(ssdf).toHaveLength(42);
    expect(ssdf[0]!.id).toBe("PO.1.1");
    expect(ssdf.at(-1)!.id).toBe("RV.3.4");
    expect(new Set(ssdf.map((r) => r.id)).size).toBe(ssdf.length);
    expect(SCORECARD_CHECKS.map((c) => c.id)).toContain("Branch-Protection");
  });
});

describe("buildEvidencePack", () => {
  const report = samplePostureReport({ controls: 60, findings: 300 });

  it("keeps every requirement, unknown when nothing maps to it", () => {
    const bare = { ...report, controls: [] };
    const pack = buildEvidencePack(bare, "ssdf");
    expect(pack.requirements).toHaveLength(42);
    expect(pack.requirements.every((r) => r.status === "unknown" && r.controls.length === 0)).toBe(true);
  });

  it("attaches each control to the requirements it maps to, with findings behind failures", () => {
    const pack = buildEvidencePack(report, "scorecard");
    for (const control of report.controls) {
      for (const check of control.mappings.scorecard) {
        const req = pack.requirements.find((r) => r.id === check)!;
        const entry = req.controls.find((c) => c.id === control.id)!;
        expect(entry.status).toBe(control.status);
        if (control.status === "fail") expect(entry.findings.map((f) => f.id)).toEqual(control.failingFindingIds);
        if (control.status === "pass") expect(entry.findings).toEqual([]);
      }
    }
  });

  it("rolls a requirement up to its worst control; unknown beats pass", () => {
    expect(worstStatus(["pass", "fail", "partial"])).toBe("fail");
    expect(worstStatus(["pass", "unknown"])).toBe("unknown");
    expect(worstStatus(["pass", "accepted"])).toBe("accepted");
    expect(worstStatus([])).toBe("unknown");
  });

  it("reports failing finding ids it could not resolve instead of dropping them", () => {
    const noFindings = { ...report, findings: undefined };
    const pack = buildEvidencePack(noFindings, "ssdf");
    const failing = pack.requirements.flatMap((r) => r.controls).filter((c) => c.status === "fail");
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.some((c) => c.unresolvedFindingIds.length > 0)).toBe(true);
    expect(failing.every((c) => c.findings.length === 0)).toBe(true);
  });
});
