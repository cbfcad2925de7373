// One place that turns an assembled report into the file a person or pipeline asked for.
import { buildEvidencePack } from "./evidence-pack";
import { renderEvidencePackJson, renderPostureReportJson } from "./json";
import type { Framework, PostureReport } from "./model";
import { renderOscalAssessmentResults, renderOscalPoam } from "./oscal";
import { renderEvidencePackPdf, renderPdf } from "./pdf";

export const REPORT_KINDS = ["posture", "evidence"] as const;
export const REPORT_FORMATS = ["pdf", "json", "oscal-ar", "oscal-poam"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "report";
}

export async function renderReport(report: PostureReport, kind: ReportKind, format: ReportFormat, framework: Framework = "ssdf"): Promise<RenderedReport> {
  const base = `rampart-${kind}${kind === "evidence" ? `-${framework}` : ""}-${slug(report.scope.name)}-${report.asOf.slice(0, 10)}`;
  const text = (body: string, ext: string, contentType: string): RenderedReport => ({ body: Buffer.from(body, "utf8"), contentType, fileName: `${base}.${ext}` });
  if (format === "oscal-ar") return text(renderOscalAssessmentResults(report, kind === "evidence" ? { framework } : {}), "oscal-ar.json", "application/oscal+json");
  if (format === "oscal-poam") return text(renderOscalPoam(report), "oscal-poam.json", "application/oscal+json");
  if (kind === "evidence") {
    const pack = buildEvidencePack(report, framework);
    return format === "pdf" ? { body: await renderEvidencePackPdf(pack), contentType: "application/pdf", fileName: `${base}.pdf` } : text(renderEvidencePackJson(pack), "json", "application/json");
  }
  return format === "pdf" ? { body: await renderPdf(report), contentType: "application/pdf", fileName: `${base}.pdf` } : text(renderPostureReportJson(report), "json", "application/json");
}
