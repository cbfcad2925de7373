// The JSON format of posture reports and evidence packs, documented by the JSON Schemas in
// ./schemas (2020-12). Fields are copied one by one, in a fixed order, rather than serializing
// the input object: output stays byte-stable and nothing a caller attached by accident (a
// database row's extra columns) leaks into an exported document.
import type { ControlReport, EvidencePack, FindingRow, PostureReport, RiskAcceptanceRow } from "./model";
import evidencePackSchema from "./schemas/evidence-pack.schema.json";
import postureReportSchema from "./schemas/posture-report.schema.json";

export const JSON_SCHEMA_VERSION = "1.0";
export { evidencePackSchema, postureReportSchema };

function control(c: ControlReport) {
  return {
    id: c.id,
    title: c.title,
    stage: c.stage,
    status: c.status,
    score: c.score,
    evidence: c.evidence,
    remediation: c.remediation,
    mappings: { ssdf: [...c.mappings.ssdf], scorecard: [...c.mappings.scorecard], dsomm: [...c.mappings.dsomm] },
    ...(c.evaluatedAt ? { evaluatedAt: c.evaluatedAt } : {}),
    ...(c.failingFindingIds ? { failingFindingIds: [...c.failingFindingIds] } : {}),
  };
}

function finding(f: FindingRow) {
  return { id: f.id, title: f.title, severity: f.severity, state: f.state, stage: f.stage, repository: f.repository, firstSeenAt: f.firstSeenAt, dueAt: f.dueAt, url: f.url };
}

function acceptance(r: RiskAcceptanceRow) {
  return { id: r.id, subject: r.subject, reason: r.reason, acceptedBy: r.acceptedBy, approvedAt: r.approvedAt, expiresAt: r.expiresAt };
}

/** The posture report as the documented JSON object (see schemas/posture-report.schema.json). */
export function postureReportDocument(report: PostureReport) {
  return {
    kind: "posture-report" as const,
    schemaVersion: JSON_SCHEMA_VERSION,
    scope: { kind: report.scope.kind, id: report.scope.id, name: report.scope.name },
    asOf: report.asOf,
    period: { from: report.period.from, to: report.period.to },
    generatedAt: report.generatedAt,
    viewer: { upn: report.viewer.upn, roles: [...report.viewer.roles] },
    stageScores: report.stageScores.map((s) => ({ stage: s.stage, score: s.score, trend: s.trend.map((t) => ({ day: t.day, score: t.score })) })),
    controls: report.controls.map(control),
    openFindings: report.openFindings.map((c) => ({ severity: c.severity, stage: c.stage, open: c.open, within: c.within, dueSoon: c.dueSoon, breached: c.breached })),
    mttr: report.mttr.map((m) => ({ severity: m.severity, meanHours: m.meanHours, closedCount: m.closedCount, slaHours: m.slaHours })),
    riskAcceptances: { inForce: report.riskAcceptances.inForce.map(acceptance), expired: report.riskAcceptances.expired.map(acceptance) },
    syncCoverage: report.syncCoverage.map((s) => ({ source: s.source, stream: s.stream, lastSuccessAt: s.lastSuccessAt })),
    ...(report.findings ? { findings: report.findings.map(finding) } : {}),
  };
}

/** The evidence pack as the documented JSON object (see schemas/evidence-pack.schema.json). */
export function evidencePackDocument(pack: EvidencePack) {
  return {
    kind: "evidence-pack" as const,
    schemaVersion: JSON_SCHEMA_VERSION,
    framework: pack.framework,
    scope: { kind: pack.scope.kind, id: pack.scope.id, name: pack.scope.name },
    asOf: pack.asOf,
    period: { from: pack.period.from, to: pack.period.to },
    generatedAt: pack.generatedAt,
    viewer: { upn: pack.viewer.upn, roles: [...pack.viewer.roles] },
    requirements: pack.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.group ? { group: r.group } : {}),
      status: r.status,
      controls: r.controls.map((c) => ({ id: c.id, title: c.title, status: c.status, findings: c.findings.map(finding), unresolvedFindingIds: [...c.unresolvedFindingIds] })),
    })),
  };
}

/** Pretty-printed JSON text of a posture report, newline-terminated. */
export function renderPostureReportJson(report: PostureReport): string {
  return `${JSON.stringify(postureReportDocument(report), null, 2)}\n`;
}

/** Pretty-printed JSON text of an evidence pack, newline-terminated. */
export function renderEvidencePackJson(pack: EvidencePack): string {
  return `${JSON.stringify(evidencePackDocument(pack), null, 2)}\n`;
}
