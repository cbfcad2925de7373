"use client";
// Stage scores over time (one line per stage), with a table of the same numbers for people who
// cannot see the chart.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { STAGE_LABEL } from "./stage-labels";

const COLORS: Record<string, string> = { pre_commit: "#1d4ed8", ci: "#0f766e", cd: "#a16207", operate: "#b91c1c", all: "#1c2430" };

export interface TrendRow {
  day: string;
  [stage: string]: number | null | string;
}

export function TrendChart({ rows, stages, title }: { rows: TrendRow[]; stages: string[]; title: string }) {
  if (rows.length === 0) return <p className="text-sm text-muted">No daily snapshots yet: the trend starts after the first scoring run.</p>;
  return (
    <figure>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#d8dde4" strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {stages.map((s) => (
              <Line key={s} type="monotone" dataKey={s} name={STAGE_LABEL[s] ?? s} stroke={COLORS[s] ?? "#475569"} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{title}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-accent">Show the numbers</summary>
        <table className="mt-2 text-left text-xs">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4">Day</th>
              {stages.map((s) => (
                <th key={s} scope="col" className="pr-4">{STAGE_LABEL[s] ?? s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.day}>
                <td className="pr-4">{r.day}</td>
                {stages.map((s) => (
                  <td key={s} className="pr-4 tabular-nums">{typeof r[s] === "number" ? Math.round(r[s] as number) : "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
