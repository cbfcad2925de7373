// Runs one scoring pass (lib/scoring). Idempotent: unchanged results write nothing new and the
// day's snapshot is upserted; a run that finds another in progress returns without work.
import { scorePosture } from "../../scoring/score-posture";
import { ScorePosturePayload } from "../names";

export async function handleScorePosture(data: unknown): Promise<{ repositories: number; skipped: boolean }> {
  ScorePosturePayload.parse(data);
  const summary = await scorePosture();
  return { repositories: summary.repositories, skipped: Boolean(summary.skipped) };
}
