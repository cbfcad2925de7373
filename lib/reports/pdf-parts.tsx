// Building blocks shared by the posture and evidence-pack PDFs: styles, cover, footer, tables
// and a stage-score bar chart drawn with react-pdf's SVG primitives (no browser, no canvas).
// Text uses the built-in Helvetica, which covers Latin-1 only; see clean().
import { G, Line, Rect, Svg, Text as SvgText, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import type { ControlStatus, ReportScope, ReportViewer, StageScore } from "./model";

export const COLORS = { ink: "#1f2933", muted: "#616e7c", rule: "#cbd2d9", band: "#f0f4f8", accent: "#2457a6", pass: "#2f8f46", fail: "#c0392b", partial: "#d68910", unknown: "#7b8794", accepted: "#6c5ce7" };

export const STATUS_COLOR: Record<ControlStatus, string> = { pass: COLORS.pass, fail: COLORS.fail, partial: COLORS.partial, unknown: COLORS.unknown, accepted: COLORS.accepted };

export const STAGE_LABEL: Record<string, string> = { pre_commit: "Pre-commit", ci: "CI", cd: "CD", operate: "Operate" };

export const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 56, paddingHorizontal: 40, fontFamily: "Helvetica", fontSize: 9, color: COLORS.ink },
  coverPage: { padding: 60, fontFamily: "Helvetica", color: COLORS.ink, fontSize: 11 },
  coverBrand: { fontSize: 12, color: COLORS.accent, fontFamily: "Helvetica-Bold", marginBottom: 140 },
  coverTitle: { fontSize: 28, fontFamily: "Helvetica-Bold", marginBottom: 8 },
  coverScope: { fontSize: 16, color: COLORS.muted, marginBottom: 40 },
  coverRow: { flexDirection: "row", marginBottom: 6 },
  coverLabel: { width: 110, color: COLORS.muted },
  h1: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 8, marginTop: 4 },
  h2: { fontSize: 12, fontFamily: "Helvetica-Bold", marginTop: 14, marginBottom: 6 },
  note: { color: COLORS.muted, marginBottom: 6 },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", borderTopWidth: 0.5, borderTopColor: COLORS.rule, paddingTop: 6, fontSize: 8, color: COLORS.muted },
  table: { borderTopWidth: 0.5, borderTopColor: COLORS.rule },
  headRow: { flexDirection: "row", backgroundColor: COLORS.band, fontFamily: "Helvetica-Bold" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLORS.rule },
  cell: { paddingVertical: 3, paddingHorizontal: 4 },
  mono: { fontFamily: "Courier", fontSize: 7, color: COLORS.muted },
});

/** Text the built-in fonts can draw: characters outside Latin-1 become "?" rather than vanishing. */
export function clean(text: string): string {
  return text.replace(/[^\x09\x0a\x0d\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, "?");
}

/** `2025-09-30T23:59:59.999Z` → `2025-09-30 23:59 UTC`. */
export function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "never";
}

export function Cover(props: { title: string; subtitle: string; scope: ReportScope; asOf: string; period: { from: string; to: string }; generatedAt: string; viewer: ReportViewer }) {
  const rows: [string, string][] = [
    ["Scope", `${props.scope.kind} ${props.scope.id}`],
    ["As of", when(props.asOf)],
    ["Period", `${when(props.period.from)} to ${when(props.period.to)}`],
    ["Generated", when(props.generatedAt)],
    ["Prepared for", `${props.viewer.upn}${props.viewer.roles.length ? ` (${props.viewer.roles.join(", ")})` : ""}`],
  ];
  return (
    <View>
      <Text style={styles.coverBrand}>RAMPART</Text>
      <Text style={styles.coverTitle}>{clean(props.title)}</Text>
      <Text style={styles.coverScope}>{clean(props.scope.name)}</Text>
      {rows.map(([label, value]) => (
        <View key={label} style={styles.coverRow}>
          <Text style={styles.coverLabel}>{label}</Text>
          <Text>{clean(value)}</Text>
        </View>
      ))}
      <Text style={[styles.note, { marginTop: 40 }]}>{clean(props.subtitle)}</Text>
    </View>
  );
}

/** Page number and as-of stamp, repeated on every page. */
export function Footer({ asOf, scope }: { asOf: string; scope: ReportScope }) {
  return (
    <View style={styles.footer} fixed>
      <Text>{clean(`Rampart · ${scope.name} · as of ${when(asOf)}`)}</Text>
      <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}

export interface Column<T> {
  title: string;
  width: number | string;
  render: (row: T) => ReactNode;
}

/** A simple table; rows never split across pages. */
export function Table<T>({ columns, rows, rowKey }: { columns: Column<T>[]; rows: T[]; rowKey: (row: T, index: number) => string }) {
  return (
    <View style={styles.table}>
      <View style={styles.headRow} wrap={false}>
        {columns.map((c) => (
          <Text key={c.title} style={[styles.cell, { width: c.width }]}>{c.title}</Text>
        ))}
      </View>
      {rows.map((row, i) => (
        <View key={rowKey(row, i)} style={styles.row} wrap={false}>
          {columns.map((c) => (
            <View key={c.title} style={[styles.cell, { width: c.width }]}>{c.render(row)}</View>
          ))}
        </View>
      ))}
    </View>
  );
}

export function StatusText({ status }: { status: ControlStatus }) {
  return <Text style={{ color: STATUS_COLOR[status], fontFamily: "Helvetica-Bold" }}>{status}</Text>;
}

/** Horizontal gridlines at 0/25/50/75/100 and one bar per stage; unknown scores draw no bar. */
export function StageScoreChart({ scores }: { scores: StageScore[] }) {
  const width = 515;
  const height = 170;
  const plot = { left: 30, top: 10, bottom: 30, right: 10 };
  const plotHeight = height - plot.top - plot.bottom;
  const slot = (width - plot.left - plot.right) / Math.max(scores.length, 1);
  const y = (score: number) => plot.top + plotHeight * (1 - score / 100);
  return (
    <Svg width={width} height={height}>
      {[0, 25, 50, 75, 100].map((tick) => (
        <Line key={tick} x1={plot.left} x2={width - plot.right} y1={y(tick)} y2={y(tick)} stroke={COLORS.rule} strokeWidth={0.5} />
      ))}
      {[0, 50, 100].map((tick) => (
        <SvgText key={`t${tick}`} x={4} y={y(tick) + 3} style={{ fontSize: 7 }} fill={COLORS.muted}>{String(tick)}</SvgText>
      ))}
      {scores.map((s, i) => {
        const x = plot.left + i * slot + slot * 0.25;
        const label = `${STAGE_LABEL[s.stage] ?? s.stage}: ${s.score === null ? "no evidence" : Math.round(s.score)}`;
        return (
          <G key={s.stage}>
            {s.score !== null && <Rect x={x} y={y(s.score)} width={slot * 0.5} height={plotHeight - (y(s.score) - plot.top)} fill={COLORS.accent} />}
            <SvgText x={x} y={height - 12} style={{ fontSize: 8 }} fill={COLORS.ink}>{label}</SvgText>
          </G>
        );
      })}
    </Svg>
  );
}
