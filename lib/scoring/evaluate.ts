// Evaluates the catalog on loaded evidence (pure) and keeps control_result as a history: a new
// row only when a result's status, score, evidence or catalog version changes (the old row is
// superseded at that moment); otherwise only last_evaluated_at moves. Set-based, in batches.
import type pg from "pg";
import { CATALOG_VERSION, CONTROLS } from "./catalog";
import type { ControlOutcome, ControlStage } from "./control";
import type { RepositoryEvidence } from "./evidence";

export interface EvaluatedResult extends ControlOutcome {
  repositoryId: string;
  controlId: string;
  stage: ControlStage;
}

/** Every control on one repository. A rule that throws yields unknown with the error, not a crash. */
export function evaluateRepository(evidence: RepositoryEvidence): EvaluatedResult[] {
  return CONTROLS.map((control) => {
    let outcome: ControlOutcome;
    try {
      outcome = control.evaluate(evidence);
    } catch (error) {
      outcome = { status: "unknown", score: null, evidence: { reason: "the rule failed on this repository's evidence", error: error instanceof Error ? error.message : String(error) } };
    }
    return { repositoryId: evidence.repository.id, controlId: control.id, stage: control.stage, ...outcome };
  });
}

// One statement per batch. The three data-modifying CTEs touch disjoint rows and see the same
// snapshot: unchanged current rows get their last_evaluated_at moved, changed ones are
// superseded, and a new row is inserted for every result without an identical current row.
const PERSIST_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::stage[], $4::control_status[], $5::float8[], $6::jsonb[])
    AS t(repository_id, control_id, stage, status, score, evidence)
),
current AS (
  SELECT c.id, i.repository_id, i.control_id,
         (c.status, c.score, c.evidence, c.catalog_version) IS NOT DISTINCT FROM (i.status, i.score, i.evidence, $7::text) AS same
    FROM control_result c JOIN input i ON c.repository_id = i.repository_id AND c.control_id = i.control_id
   WHERE c.superseded_at IS NULL
),
touched AS (
  UPDATE control_result c SET last_evaluated_at = $8
    FROM current k WHERE c.id = k.id AND k.same RETURNING 1
),
superseded AS (
  UPDATE control_result c SET superseded_at = $8
    FROM current k WHERE c.id = k.id AND NOT k.same RETURNING 1
),
inserted AS (
  INSERT INTO control_result (control_id, catalog_version, stage, repository_id, status, score, evidence, evaluated_at, last_evaluated_at)
  SELECT i.control_id, $7, i.stage, i.repository_id, i.status, i.score, i.evidence, $8, $8
    FROM input i
   WHERE NOT EXISTS (SELECT 1 FROM current k WHERE k.repository_id = i.repository_id AND k.control_id = i.control_id AND k.same)
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM superseded)::int AS superseded, (SELECT count(*) FROM touched)::int AS unchanged`;

export interface PersistSummary {
  inserted: number;
  superseded: number;
  unchanged: number;
}

/** Writes results in batches of `batchSize` rows (each its own statement). */
export async function persistControlResults(client: pg.ClientBase, results: readonly EvaluatedResult[], evaluatedAt: Date, batchSize = 10_000): Promise<PersistSummary> {
  const summary: PersistSummary = { inserted: 0, superseded: 0, unchanged: 0 };
  for (let start = 0; start < results.length; start += batchSize) {
    const batch = results.slice(start, start + batchSize);
    const { rows } = await client.query<PersistSummary>(PERSIST_SQL, [
      batch.map((r) => r.repositoryId),
      batch.map((r) => r.controlId),
      batch.map((r) => r.stage),
      batch.map((r) => r.status),
      batch.map((r) => r.score),
      batch.map((r) => JSON.stringify(r.evidence)),
      CATALOG_VERSION,
      evaluatedAt,
    ]);
    summary.inserted += rows[0]!.inserted;
    summary.superseded += rows[0]!.superseded;
    summary.unchanged += rows[0]!.unchanged;
  }
  return summary;
}

/**
 * Closes the current results of controls the catalog no longer has and of repositories that
 * were deleted, so "current" never shows a result nobody evaluates any more.
 */
export async function retireStaleResults(client: pg.ClientBase, at: Date): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE control_result c SET superseded_at = $2
      WHERE c.superseded_at IS NULL AND c.repository_id IS NOT NULL
        AND (NOT (c.control_id = ANY($1::text[])) OR EXISTS (SELECT 1 FROM repository r WHERE r.id = c.repository_id AND r.deleted_at IS NOT NULL))`,
    [CONTROLS.map((c) => c.id), at],
  );
  return rowCount ?? 0;
}
