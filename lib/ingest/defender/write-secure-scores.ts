// Secure score history: a row per score or control whenever its value differs from the
// latest stored one, stamped with the source's time. A sync that finds nothing changed writes
// nothing; "the score on day D" is the latest row at or before D. Percentages are 0..1, as
// Defender reports them.
import type pg from "pg";
import type { SecureScoreRow } from "../../sources/defender/map-secure-score";

export async function writeSecureScores(client: pg.ClientBase, subscriptionId: string, rows: SecureScoreRow[], capturedAt: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await client.query(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::int[]) AS t(score_name, current, max, percentage, weight)
     ), latest AS (
       SELECT DISTINCT ON (score_name) score_name, current, max, percentage, weight
         FROM secure_score_snapshot WHERE subscription_id = $1 ORDER BY score_name, captured_at DESC
     )
     INSERT INTO secure_score_snapshot (subscription_id, score_name, current, max, percentage, weight, captured_at)
     SELECT $1, i.score_name, i.current, i.max, i.percentage, i.weight, $7
       FROM input i LEFT JOIN latest l USING (score_name)
      WHERE (l.current, l.max, l.percentage, l.weight) IS DISTINCT FROM (i.current, i.max, i.percentage, i.weight)
     ON CONFLICT (subscription_id, score_name, captured_at) DO NOTHING`,
    [subscriptionId, rows.map((r) => r.scoreName), rows.map((r) => r.current), rows.map((r) => r.max), rows.map((r) => r.percentage), rows.map((r) => (r.weight === null ? null : Math.round(r.weight))), capturedAt],
  );
  return rowCount ?? 0;
}
