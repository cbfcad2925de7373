// The score formulas, in one place: the pure functions tests check by hand, the SQL the daily
// rollups run (same arithmetic), and the sentences the UI shows on hover.
import type { ControlStatus } from "./control";

export interface WeightedResult {
  weight: number;
  status: ControlStatus;
  /** 0..1, null when unknown. */
  score: number | null;
}

/**
 * Stage score of one repository, 0–100: 100 × Σ(weight × score) / Σ(weight) over the stage's
 * controls that have evidence (pass 1, fail 0, partial in between). Unknown controls are left
 * out of both sums; with none left the score is null ("unknown"), never 100.
 */
export function stageScore(results: readonly WeightedResult[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const r of results) {
    if (r.score === null) continue;
    weighted += r.weight * r.score;
    weights += r.weight;
  }
  return weights === 0 ? null : round1((100 * weighted) / weights);
}

/** The two sums a stage score is made of, so rollups can pool them. */
export interface ScoreSums {
  weighted: number;
  weights: number;
}

/**
 * Team, organization and enterprise score: the repositories' sums pooled,
 * 100 × Σ_repos Σ(weight × score) / Σ_repos Σ(weight). Equivalently, the mean of the
 * repositories' stage scores weighted by how much evidenced control weight each has — a
 * repository where Rampart can see more counts for more, and one it cannot see at all does not
 * pull the mean toward either end.
 */
export function pooledScore(repositories: readonly ScoreSums[]): number | null {
  const weighted = repositories.reduce((n, r) => n + r.weighted, 0);
  const weights = repositories.reduce((n, r) => n + r.weights, 0);
  return weights === 0 ? null : round1((100 * weighted) / weights);
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Plain-language descriptions for the UI (hover or click on a score). */
export const SCORE_DESCRIPTIONS = {
  stage:
    "Stage score (0–100): each control of the stage scores 1 when it passes, 0 when it fails and in between when partial; the score is the weighted average of those, times 100. Controls Rampart has no evidence for are 'unknown' and left out — they never count as passing. With no evidence at all the score is unknown.",
  overall: "Overall score: the same weighted average over the controls of all four stages together.",
  rollup:
    "Team, organization and enterprise scores pool their repositories: all the repositories' weighted control scores added up, divided by all their evidenced weights. A repository with more evidence weighs more; one with none does not count.",
  accepted:
    "Accepted: a failing or partial control covered by an approved, unexpired risk acceptance. It is shown and counted separately, and still scores as it was evaluated — accepting a risk does not raise the score. When the acceptance expires the control counts as failing again.",
  unknown: "Unknown: Rampart has no evidence for this control (e.g. the setting is not synced or the platform does not support it). Unknown is left out of scores, not treated as a pass.",
} as const;
