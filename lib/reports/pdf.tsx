// Posture report and evidence pack as PDF, rendered in-process with @react-pdf/renderer (no
// headless browser). The document's creation date is the report's generatedAt, so the same
// report renders to the same bytes.
import { Document, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import { evidenceExcerpt } from "./pdf-excerpt";
import type { ControlReport, EvidencePack, EvidenceRequirement, FindingRow, MttrRow, OpenFindingsCell, PostureReport, RiskAcceptanceRow, SyncCoverageRow } from "./model";
import { SEVERITIES, STAGES } from "./model";
import { slaStatus } from "./findings-summary";
import { clean, Cover, Footer, STAGE_LABEL, StageScoreChart, StatusText, styles, Table, when } from "./pdf-parts";

export interface PdfOptions {
  /** How many open findings to list one by one, most overdue first (default 50; the grid always counts all). */
  findingsLimit?: number;
}

const countBy = (controls: ControlReport[], status: string) => controls.filter((c) => c.status === status).length;

function SummarySection({ report }: { report: PostureReport }) {
  const { controls } = report;
  return (
    <View>
      <Text style={styles.h1}>Summary</Text>
      <Text style={styles.note}>
        {`${controls.length} controls: ${countBy(controls, "pass")} pass, ${countBy(controls, "fail")} fail, ${countBy(controls, "partial")} partial, ${countBy(controls, "accepted")} accepted, ${countBy(controls, "unknown")} unknown. Stage scores (0-100) at the as-of date:`}
      </Text>
      <StageScoreChart scores={report.stageScores} />
      <Table
        rows={report.stageScores}
        rowKey={(s) => s.stage}
        columns={[
          { title: "Stage", width: "25%", render: (s) => <Text>{STAGE_LABEL[s.stage]}</Text> },
          { title: "Score", width: "15%", render: (s) => <Text>{s.score === null ? "no evidence" : s.score.toFixed(1)}</Text> },
          { title: "Start of period", width: "20%", render: (s) => <Text>{fmtScore(s.trend[0]?.score)}</Text> },
          { title: "Change", width: "20%", render: (s) => <Text>{change(s.trend[0]?.score, s.score)}</Text> },
        ]}
      />
    </View>
  );
}

function fmtScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "-" : score.toFixed(1);
}

function change(from: number | null | undefined, to: number | null): string {
  if (from === null || from === undefined || to === null) return "-";
  const d = to - from;
  return `${d >= 0 ? "+" : ""}${d.toFixed(1)}`;
}

function ControlsSection({ controls }: { controls: ControlReport[] }) {
  return (
    <View break>
      <Text style={styles.h1}>Control results</Text>
      <Table
        rows={controls}
        rowKey={(c) => c.id}
        columns={[
          { title: "Control", width: "30%", render: (c) => (<View><Text style={{ fontFamily: "Helvetica-Bold" }}>{clean(c.title)}</Text><Text style={styles.mono}>{clean(c.id)}</Text></View>) },
          { title: "Stage", width: "9%", render: (c) => <Text>{STAGE_LABEL[c.stage]}</Text> },
          { title: "Result", width: "9%", render: (c) => <StatusText status={c.status} /> },
          { title: "Evidence", width: "32%", render: (c) => <Text style={styles.mono}>{clean(evidenceExcerpt(c.evidence))}</Text> },
          { title: "SSDF / Scorecard", width: "20%", render: (c) => <Text>{[...c.mappings.ssdf, ...c.mappings.scorecard].join(", ") || "-"}</Text> },
        ]}
      />
    </View>
  );
}

function FindingsGrid({ cells }: { cells: OpenFindingsCell[] }) {
  const total = cells.reduce((n, c) => n + c.open, 0);
  return (
    <View break>
      <Text style={styles.h1}>Open findings</Text>
      <Text style={styles.note}>{`${total} open findings at the as-of date, by severity and stage. Each cell: open (past SLA / due within 7 days).`}</Text>
      <Table
        rows={[...SEVERITIES]}
        rowKey={(s) => s}
        columns={[
          { title: "Severity", width: "16%", render: (s) => <Text style={{ fontFamily: "Helvetica-Bold" }}>{s}</Text> },
          ...STAGES.map((stage) => ({
            title: STAGE_LABEL[stage]!,
            width: "21%",
            render: (s: string) => {
              const c = cells.find((x) => x.severity === s && x.stage === stage);
              return <Text>{c && c.open ? `${c.open} (${c.breached} / ${c.dueSoon})` : "0"}</Text>;
            },
          })),
        ]}
      />
    </View>
  );
}

// react-pdf's pagination of one long wrapping view grows faster than linearly with its rows;
// giving each chunk of rows its own <Page wrap> keeps a long findings list linear.
const ROWS_PER_PAGE_GROUP = 28;

/** The open findings one by one, most overdue first, as appendix pages. */
function findingsAppendix(findings: FindingRow[] | undefined, asOf: string, limit: number, meta: { asOf: string; scope: PostureReport["scope"] }) {
  const open = (findings ?? []).filter((f) => f.state === "open");
  const listed = open.sort((a, b) => (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") || a.id.localeCompare(b.id)).slice(0, limit);
  const chunks: FindingRow[][] = [];
  for (let i = 0; i < listed.length; i += ROWS_PER_PAGE_GROUP) chunks.push(listed.slice(i, i + ROWS_PER_PAGE_GROUP));
  return chunks.map((chunk, i) => (
    <Page key={`findings-${i}`} size="A4" style={styles.page} wrap>
      {i === 0 && <Text style={styles.h1}>{`Appendix: most urgent open findings (${listed.length} of ${open.length}${listed.length < open.length ? "; the CSV export has all" : ""})`}</Text>}
      <Table
        rows={chunk}
        rowKey={(f) => f.id}
        columns={[
          { title: "Finding", width: "42%", render: (f) => (<View><Text>{clean(f.title)}</Text><Text style={styles.mono}>{clean(`#${f.id} ${f.repository ?? ""}`)}</Text></View>) },
          { title: "Severity", width: "11%", render: (f) => <Text>{f.severity}</Text> },
          { title: "Stage", width: "11%", render: (f) => <Text>{STAGE_LABEL[f.stage]}</Text> },
          { title: "Due", width: "20%", render: (f) => <Text>{f.dueAt ? when(f.dueAt) : "-"}</Text> },
          { title: "SLA", width: "16%", render: (f) => <Text>{slaStatus(f.dueAt, asOf).replace("_", " ")}</Text> },
        ]}
      />
      <Footer {...meta} />
    </Page>
  ));
}

function MttrSection({ rows }: { rows: MttrRow[] }) {
  return (
    <View wrap={false}>
      <Text style={styles.h2}>Mean time to remediate (findings closed in the period)</Text>
      <Table
        rows={rows}
        rowKey={(r) => r.severity}
        columns={[
          { title: "Severity", width: "25%", render: (r) => <Text>{r.severity}</Text> },
          { title: "Mean", width: "25%", render: (r) => <Text>{r.meanHours === null ? "-" : hours(r.meanHours)}</Text> },
          { title: "Closed", width: "25%", render: (r) => <Text>{String(r.closedCount)}</Text> },
          { title: "SLA", width: "25%", render: (r) => <Text>{r.slaHours === null ? "-" : hours(r.slaHours)}</Text> },
        ]}
      />
    </View>
  );
}

function hours(h: number): string {
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : `${h.toFixed(1)} hours`;
}

function AcceptancesSection({ title, rows }: { title: string; rows: RiskAcceptanceRow[] }) {
  return (
    <View>
      <Text style={styles.h2}>{title}</Text>
      {rows.length === 0 ? (
        <Text style={styles.note}>None.</Text>
      ) : (
        <Table
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { title: "Subject", width: "28%", render: (r) => <Text>{clean(r.subject)}</Text> },
            { title: "Reason", width: "32%", render: (r) => <Text>{clean(r.reason)}</Text> },
            { title: "Accepted by", width: "20%", render: (r) => <Text>{clean(r.acceptedBy)}</Text> },
            { title: "Expires", width: "20%", render: (r) => <Text>{when(r.expiresAt)}</Text> },
          ]}
        />
      )}
    </View>
  );
}

function SyncSection({ rows, asOf }: { rows: SyncCoverageRow[]; asOf: string }) {
  return (
    <View wrap={false}>
      <Text style={styles.h2}>Sync coverage (data freshness at the as-of date)</Text>
      <Table
        rows={rows}
        rowKey={(r) => `${r.source}/${r.stream}`}
        columns={[
          { title: "Source", width: "25%", render: (r) => <Text>{r.source}</Text> },
          { title: "Stream", width: "25%", render: (r) => <Text>{r.stream}</Text> },
          { title: "Last successful sync", width: "30%", render: (r) => <Text>{when(r.lastSuccessAt)}</Text> },
          { title: "Age", width: "20%", render: (r) => <Text>{r.lastSuccessAt ? hours((Date.parse(asOf) - Date.parse(r.lastSuccessAt)) / 3_600_000) : "-"}</Text> },
        ]}
      />
    </View>
  );
}

/** The posture report as a react-pdf document element (for renderers other than renderPdf). */
export function PostureReportPdf({ report, options = {} }: { report: PostureReport; options?: PdfOptions }) {
  const meta = { asOf: report.asOf, scope: report.scope };
  return (
    <Document title={`Rampart posture report - ${report.scope.name}`} author="Rampart" subject={`Posture as of ${report.asOf}`} creationDate={new Date(report.generatedAt)}>
      <Page size="A4" style={styles.coverPage}>
        <Cover title="Posture report" subtitle="Stage scores, control results with evidence, open findings with SLA status, MTTR, risk acceptances and sync coverage, as they stood at the as-of date." scope={report.scope} asOf={report.asOf} period={report.period} generatedAt={report.generatedAt} viewer={report.viewer} />
        <Footer {...meta} />
      </Page>
      <Page size="A4" style={styles.page} wrap>
        <SummarySection report={report} />
        <ControlsSection controls={report.controls} />
        <FindingsGrid cells={report.openFindings} />
        <MttrSection rows={report.mttr} />
        <View break>
          <Text style={styles.h1}>Risk acceptances and data coverage</Text>
          <AcceptancesSection title={`In force at the as-of date (${report.riskAcceptances.inForce.length})`} rows={report.riskAcceptances.inForce} />
          <AcceptancesSection title={`Expired (${report.riskAcceptances.expired.length})`} rows={report.riskAcceptances.expired} />
          <SyncSection rows={report.syncCoverage} asOf={report.asOf} />
        </View>
        <Footer {...meta} />
      </Page>
      {findingsAppendix(report.findings, report.asOf, options.findingsLimit ?? 50, meta)}
    </Document>
  );
}

const FRAMEWORK_TITLE = { ssdf: "NIST SSDF (SP 800-218) evidence pack", scorecard: "OpenSSF Scorecard evidence pack" } as const;

function RequirementBlock({ req }: { req: EvidenceRequirement }) {
  return (
    <View style={{ marginBottom: 8 }} wrap={false}>
      <View style={{ flexDirection: "row", justifyContent: "space-between", borderBottomWidth: 0.5, borderBottomColor: "#cbd2d9", paddingBottom: 2, marginBottom: 3 }}>
        <Text style={{ fontFamily: "Helvetica-Bold", width: "85%" }}>{clean(`${req.id}  ${req.title}`)}</Text>
        <StatusText status={req.status} />
      </View>
      {req.controls.length === 0 && <Text style={styles.note}>No Rampart control gives evidence for this requirement.</Text>}
      {req.controls.map((c) => (
        <View key={c.id} style={{ paddingLeft: 10, marginBottom: 2 }}>
          <Text>
            {clean(`${c.title} (${c.id}): `)}
            <StatusText status={c.status} />
          </Text>
          {c.findings.slice(0, 5).map((f) => (
            <Text key={f.id} style={[styles.mono, { paddingLeft: 10 }]}>{clean(`${f.severity} #${f.id} ${f.title}${f.dueAt ? ` (due ${f.dueAt.slice(0, 10)})` : ""}`)}</Text>
          ))}
          {c.findings.length + c.unresolvedFindingIds.length > Math.min(c.findings.length, 5) && (
            <Text style={[styles.mono, { paddingLeft: 10 }]}>{`${c.findings.length + c.unresolvedFindingIds.length - Math.min(c.findings.length, 5)} more findings behind this failure`}</Text>
          )}
        </View>
      ))}
    </View>
  );
}

/** The evidence pack as a react-pdf document element. */
export function EvidencePackPdf({ pack }: { pack: EvidencePack }) {
  const meta = { asOf: pack.asOf, scope: pack.scope };
  const groups = [...new Set(pack.requirements.map((r) => r.group ?? ""))];
  return (
    <Document title={`Rampart ${FRAMEWORK_TITLE[pack.framework]} - ${pack.scope.name}`} author="Rampart" creationDate={new Date(pack.generatedAt)}>
      <Page size="A4" style={styles.coverPage}>
        <Cover title={FRAMEWORK_TITLE[pack.framework]} subtitle="Each requirement with the Rampart controls that give evidence for it, their results at the as-of date, and the open findings behind failures. A requirement no control covers is shown as unknown." scope={pack.scope} asOf={pack.asOf} period={pack.period} generatedAt={pack.generatedAt} viewer={pack.viewer} />
        <Footer {...meta} />
      </Page>
      <Page size="A4" style={styles.page} wrap>
        {groups.map((group) => (
          <View key={group || "all"}>
            {group && <Text style={styles.h2}>{clean(group)}</Text>}
            {pack.requirements.filter((r) => (r.group ?? "") === group).map((r) => <RequirementBlock key={r.id} req={r} />)}
          </View>
        ))}
        <Footer {...meta} />
      </Page>
    </Document>
  );
}

/** Renders a posture report to PDF bytes. */
export async function renderPdf(report: PostureReport, options: PdfOptions = {}): Promise<Buffer> {
  return renderToBuffer(<PostureReportPdf report={report} options={options} />);
}

/** Renders an SSDF or Scorecard evidence pack to PDF bytes. */
export async function renderEvidencePackPdf(pack: EvidencePack): Promise<Buffer> {
  return renderToBuffer(<EvidencePackPdf pack={pack} />);
}
