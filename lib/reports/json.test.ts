// The JSON renderers produce documents their published schemas accept, and the schemas reject
// what they promise to reject.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildEvidencePack } from "./evidence-pack";
import { evidencePackSchema, postureReportSchema, renderEvidencePackJson, renderPostureReportJson } from "./json";
import { samplePostureReport } from "./sample";

function validators() {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  ajv.addSchema(postureReportSchema);
  ajv.addSchema(evidencePackSchema);
  return { report: ajv.getSchema(postureReportSchema.$id)!, pack: ajv.getSchema(evidencePackSchema.$id)! };
}

describe("posture report JSON", () => {
  const report = samplePostureReport({ controls: 60, findings: 200 });

  it("validates against schemas/posture-report.schema.json", () => {
    const { report: validate } = validators();
    const doc = JSON.parse(renderPostureReportJson(report));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.controls).toHaveLength(60);
    expect(doc.controls[0].mappings.ssdf.length).toBeGreaterThan(0);
    expect(doc.stageScores.map((s: { stage: string }) => s.stage)).toEqual(["pre_commit", "ci", "cd", "operate"]);
  });

  it("leaves out fields the caller attached that the format does not define", () => {
    const withExtra = { ...report, controls: report.controls.map((c) => ({ ...c, internalRowId: 42n })) };
    const doc = JSON.parse(renderPostureReportJson(withExtra));
    expect(doc.controls[0]).not.toHaveProperty("internalRowId");
    expect(validators().report(doc)).toBe(true);
  });

  it("rejects a control without framework mappings or with an unknown status", () => {
    const { report: validate } = validators();
    const doc = JSON.parse(renderPostureReportJson(report));
    delete doc.controls[0].mappings;
    expect(validate(doc)).toBe(false);
    const doc2 = JSON.parse(renderPostureReportJson(report));
    doc2.controls[1].status = "green";
    expect(validate(doc2)).toBe(false);
  });

  it("renders the same bytes twice", () => {
    expect(renderPostureReportJson(report)).toBe(renderPostureReportJson(samplePostureReport({ controls: 60, findings: 200 })));
  });
});

describe("evidence pack JSON", () => {
  it.each(["ssdf", "scorecard"] as const)("%s pack validates against schemas/evidence-pack.schema.json", (framework) => {
    const { pack: validate } = validators();
    const doc = JSON.parse(renderEvidencePackJson(buildEvidencePack(samplePostureReport({ controls: 60, findings: 200 }), framework)));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });
});
