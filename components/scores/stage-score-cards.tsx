// The four lifecycle-stage scores of a scope, each with its band in words, how many controls had
// evidence, and a trend sparkline; the formula is one click away (a <details>, keyboard-operable).
import { Sparkline } from "./sparkline";
import { scoreBand, STAGE_LABEL } from "./stage-labels";

export interface StageScoreView {
  stage: string;
  score: number | null;
  controlsWithEvidence?: number;
  controlsTotal?: number;
  trend?: { day: string; score: number | null }[];
}

export function StageScoreCards({ stages, formula }: { stages: StageScoreView[]; formula: string }) {
  return (
    <section aria-labelledby="stage-scores-heading">
      <h2 id="stage-scores-heading" className="sr-only">Stage scores</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stages.map((s) => {
          const band = scoreBand(s.score);
          return (
            <li key={s.stage} className="rounded-lg border border-line bg-surface p-4">
              <p className="text-sm font-medium text-muted">{STAGE_LABEL[s.stage] ?? s.stage}</p>
              <p className="mt-1 text-3xl font-semibold tabular-nums text-ink">
                {s.score === null ? "—" : Math.round(s.score)}
                <span className="sr-only"> out of 100</span>
              </p>
              <p className={`text-sm font-medium ${band.className}`}>{band.label}</p>
              {s.controlsTotal !== undefined ? (
                <p className="text-xs text-muted">
                  {s.controlsWithEvidence ?? 0} of {s.controlsTotal} controls with evidence
                </p>
              ) : null}
              {s.trend ? <Sparkline points={s.trend} /> : null}
            </li>
          );
        })}
      </ul>
      <details className="mt-3 text-sm text-muted">
        <summary className="cursor-pointer font-medium text-accent">How these scores are calculated</summary>
        <p className="mt-2 max-w-3xl whitespace-pre-line">{formula}</p>
      </details>
    </section>
  );
}
