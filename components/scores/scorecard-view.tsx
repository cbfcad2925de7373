// A scope's scorecard: the four stage cards with their trend sparklines, the overall score, and
// the trend chart. Used by the overview, organization, team and repository pages.
import type { Scorecard } from "@/lib/data/posture";
import { StageScoreCards } from "./stage-score-cards";
import { STAGE_ORDER, scoreBand } from "./stage-labels";
import { TrendChart, type TrendRow } from "./trend-chart";

export function ScorecardView({ card, formula, title }: { card: Scorecard; formula: string; title: string }) {
  const byStage = new Map(card.stages.map((s) => [s.stage, s]));
  const overall = byStage.get("all");
  const days = [...new Set(card.trend.map((t) => t.day))];
  const rows: TrendRow[] = days.map((day) => Object.fromEntries([["day", day], ...card.trend.filter((t) => t.day === day).map((t) => [t.stage, t.score])]) as TrendRow);
  return (
    <>
      {overall ? (
        <p className="mb-4 text-sm text-muted">
          Overall score <span className="text-lg font-semibold tabular-nums text-ink">{overall.score === null ? "unknown" : Math.round(overall.score)}</span>{" "}
          <span className={scoreBand(overall.score).className}>({scoreBand(overall.score).label})</span> · scored {card.day}
        </p>
      ) : null}
      <StageScoreCards
        formula={formula}
        stages={STAGE_ORDER.map((stage) => {
          const s = byStage.get(stage);
          const c = s?.controls;
          return {
            stage,
            score: s?.score ?? null,
            controlsWithEvidence: c ? c.passed + c.failed + c.partial + c.accepted : 0,
            controlsTotal: c ? c.passed + c.failed + c.partial + c.accepted + c.unknown : 0,
            trend: card.trend.filter((t) => t.stage === stage).map((t) => ({ day: t.day, score: t.score })),
          };
        })}
      />
      <section aria-labelledby="trend-heading" className="mt-8">
        <h2 id="trend-heading" className="mb-2 text-lg font-semibold text-ink">Trend, last 30 days</h2>
        <TrendChart rows={rows} stages={[...STAGE_ORDER, "all"]} title={title} />
      </section>
    </>
  );
}
