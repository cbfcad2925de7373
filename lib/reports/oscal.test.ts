// OSCAL output validates against NIST's published JSON schemas (../shared/fixtures/oscal) and is
// deterministic. The schemas are draft-07 with Unicode property escapes in their patterns; ajv's
// defaults (strict mode, unicodeRegExp) compile them unchanged, and ajv-formats supplies the
// date-time/uri/email formats they use, so nothing is relaxed.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PostureReport } from "./model";
import { renderOscalAssessmentResults, renderOscalPoam } from "./oscal";
import { samplePostureReport } from "./sample";
import { uuidV5 } from "./uuid";

const FIXTURES = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? path.join(import.meta.dirname, "../../../shared/fixtures"), "oscal/schema");
const VERSIONS = ["1.1.2", "1.1.3"];

function validator(version: string, file: string) {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(FIXTURES, version, file), "utf8")));
}

function errors(validate: ReturnType<typeof validator>) {
  return JSON.stringify(validate.errors?.slice(0, 5), null, 1);
}

describe("uuidV5", () => {
  it("matches the RFC 9562 test vector and is a v5 UUID", () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(uuidV5("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe.skipIf(!existsSync(FIXTURES))("OSCAL against the official schemas", () => {
  const report = samplePostureReport({ controls: 60, findings: 1000 });

  describe.each(VERSIONS)("OSCAL %s", (version) => {
    const ar = validator(version, "oscal_assessment-results_schema.json");
    const poam = validator(version, "oscal_poam_schema.json");

    it.each([undefined, "ssdf", "scorecard"] as const)("assessment-results (framework %s) validates", (framework) => {
      const doc = JSON.parse(renderOscalAssessmentResults(report, { framework }));
      expect(ar(doc), errors(ar)).toBe(true);
    });

    it("POA&M validates", () => {
      const doc = JSON.parse(renderOscalPoam(report));
      expect(poam(doc), errors(poam)).toBe(true);
    });

    it("edge cases validate: no controls, no findings, odd control ids, unknown scores", () => {
      const empty: PostureReport = { ...report, controls: [], findings: [], stageScores: report.stageScores.map((s) => ({ ...s, score: null })), viewer: { upn: "cli", roles: [] } };
      expect(ar(JSON.parse(renderOscalAssessmentResults(empty))), errors(ar)).toBe(true);
      expect(poam(JSON.parse(renderOscalPoam(empty))), errors(poam)).toBe(true);
      const odd: PostureReport = { ...report, controls: report.controls.slice(0, 3).map((c, i) => ({ ...c, id: ["gh:secret-scanning", "1st/check", "ok.id"][i]! })), findings: report.findings!.map((f) => ({ ...f, url: null, dueAt: null, repository: null })) };
      expect(ar(JSON.parse(renderOscalAssessmentResults(odd))), errors(ar)).toBe(true);
      expect(poam(JSON.parse(renderOscalPoam(odd))), errors(poam)).toBe(true);
    });
  });

  it("the schemas reject a document that is wrong (the validator is not a no-op)", () => {
    const ar = validator("1.1.3", "oscal_assessment-results_schema.json");
    const doc = JSON.parse(renderOscalAssessmentResults(report));
    doc["assessment-results"].results[0].findings[0].target.status.state = "passed";
    expect(ar(doc)).toBe(false);
    const doc2 = JSON.parse(renderOscalAssessmentResults(report));
    doc2["assessment-results"].metadata["last-modified"] = "2025-09-30 10:00";
    expect(ar(doc2)).toBe(false);
  });
});

describe("OSCAL content", () => {
  const report = samplePostureReport({ controls: 60, findings: 1000 });

  it("re-rendering the same report gives byte-identical documents", () => {
    const again = samplePostureReport({ controls: 60, findings: 1000 });
    expect(renderOscalAssessmentResults(again)).toBe(renderOscalAssessmentResults(report));
    expect(renderOscalAssessmentResults(again, { framework: "ssdf" })).toBe(renderOscalAssessmentResults(report, { framework: "ssdf" }));
    expect(renderOscalPoam(again)).toBe(renderOscalPoam(report));
  });

  it("keeps a control's finding UUID across as-of dates but not its observation UUID", () => {
    const later = samplePostureReport({ controls: 60, findings: 1000, asOf: "2025-10-31T23:59:59.999Z" });
    const a = JSON.parse(renderOscalAssessmentResults(report))["assessment-results"].results[0];
    const b = JSON.parse(renderOscalAssessmentResults(later))["assessment-results"].results[0];
    expect(b.findings[0].uuid).toBe(a.findings[0].uuid);
    expect(b.observations[0].uuid).not.toBe(a.observations[0].uuid);
  });

  it("assessment-results carry every control with its status and evidence", () => {
    const result = JSON.parse(renderOscalAssessmentResults(report))["assessment-results"].results[0];
    expect(result["reviewed-controls"]["control-selections"][0]["include-controls"]).toHaveLength(60);
    expect(result.observations).toHaveLength(60);
    const failing = report.controls.find((c) => c.status === "fail")!;
    const finding = result.findings.find((f: { target: { "target-id": string } }) => f.target["target-id"] === failing.id);
    expect(finding.target.status).toMatchObject({ state: "not-satisfied", reason: "fail" });
    const obs = result.observations.find((o: { uuid: string }) => o.uuid === finding["related-observations"][0]["observation-uuid"]);
    expect(JSON.parse(obs["relevant-evidence"][0].remarks)).toEqual(failing.evidence);
  });

  it("an SSDF assessment reviews all 42 tasks", () => {
    const result = JSON.parse(renderOscalAssessmentResults(report, { framework: "ssdf" }))["assessment-results"].results[0];
    expect(result.findings).toHaveLength(42);
    expect(result.findings[0].target["target-id"]).toBe("PO.1.1");
  });

  it("POA&M items carry SLA due dates as risk deadlines and milestones", () => {
    const doc = JSON.parse(renderOscalPoam(report))["plan-of-action-and-milestones"];
    expect(doc["poam-items"]).toHaveLength(1000);
    const f = report.findings![0]!;
    const risk = doc.risks[0];
    expect(risk.deadline).toBe(f.dueAt);
    expect(risk.remediations[0].tasks[0].timing["on-date"].date).toBe(f.dueAt);
    expect(doc["poam-items"][0]["related-risks"][0]["risk-uuid"]).toBe(risk.uuid);
  });
});
