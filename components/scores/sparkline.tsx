"use client";
// A tiny trend line under a stage score (decorative: the numbers are in the card and the table).
import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";

export function Sparkline({ points }: { points: { day: string; score: number | null }[] }) {
  if (points.filter((p) => p.score !== null).length < 2) return null;
  return (
    <div className="h-10 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 4, right: 0, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <YAxis hide domain={[0, 100]} />
          <Line type="monotone" dataKey="score" stroke="var(--color-accent)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
