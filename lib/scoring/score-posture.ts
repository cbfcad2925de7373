// One scoring run: expire risk acceptances, load evidence for every repository, evaluate the
// catalog, keep control_result history, and write today's posture_rollup snapshot (plus any
// missing recent days). The score-posture job and the tests call this.
import { database } from "../db";
import { log } from "../http/log";
import { expireAcceptances } from "./acceptances";
import { evaluateRepository, persistControlResults, retireStaleResults, type PersistSummary } from "./evaluate";
import { loadEvidence, type RepositorySelection } from "./evidence";
import { loadScoringSettings } from "./settings";
import { missingSnapshotDays, utcDay, writeDailySnapshot } from "./snapshot";

export interface ScorePostureOptions {
  /** The evaluation time; defaults to the clock. */
  now?: Date;
  /** Limit evaluation to these repositories (rollups are always rewritten in full). */
  repositories?: RepositorySelection;
  /** Also snapshot up to this many past days that have no snapshot yet (from history). Default 30. */
  backfillDays?: number;
}

export interface ScorePostureSummary {
  /** Set when another run held the lock: this one did nothing. */
  skipped?: "another scoring run is in progress";
  repositories: number;
  results: PersistSummary;
  retired: number;
  expiredAcceptances: number;
  snapshotRows: number;
  backfilledDays: number;
  milliseconds: { evidence: number; evaluate: number; persist: number; snapshot: number; total: number };
}

const LOCK_KEY = "rampart:score-posture";

/** Scores every repository and snapshots today's rollups. Safe to run concurrently: one wins, the other skips. */
export async function scorePosture(options: ScorePostureOptions = {}): Promise<ScorePostureSummary> {
  const now = options.now ?? new Date();
  const started = performance.now();
  const summary: ScorePostureSummary = {
    repositories: 0,
    results: { inserted: 0, superseded: 0, unchanged: 0 },
    retired: 0,
    expiredAcceptances: 0,
    snapshotRows: 0,
    backfilledDays: 0,
    milliseconds: { evidence: 0, evaluate: 0, persist: 0, snapshot: 0, total: 0 },
  };
  const client = await database().pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [LOCK_KEY]);
    if (!rows[0]!.locked) return { ...summary, skipped: "another scoring run is in progress" };
    try {
      const settings = await loadScoringSettings((sql, params) => client.query(sql, params));
      summary.expiredAcceptances = await expireAcceptances(client, now);

      let mark = performance.now();
      const evidence = await loadEvidence(client, { now, config: settings, repositories: options.repositories });
      summary.repositories = evidence.length;
      summary.milliseconds.evidence = Math.round(performance.now() - mark);

      mark = performance.now();
      const results = evidence.flatMap(evaluateRepository);
      summary.milliseconds.evaluate = Math.round(performance.now() - mark);

      mark = performance.now();
      await client.query("BEGIN");
      try {
        summary.results = await persistControlResults(client, results, now);
        if ((options.repositories ?? "all") === "all") summary.retired = await retireStaleResults(client, now);
        summary.milliseconds.persist = Math.round(performance.now() - mark);
        mark = performance.now();
        summary.snapshotRows = await writeDailySnapshot(client, utcDay(now), now, settings.slaDays);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      for (const day of await missingSnapshotDays(client, now, options.backfillDays ?? 30)) {
        summary.snapshotRows += await writeDailySnapshot(client, day, now, settings.slaDays);
        summary.backfilledDays++;
      }
      summary.milliseconds.snapshot = Math.round(performance.now() - mark);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  summary.milliseconds.total = Math.round(performance.now() - started);
  log("info", "posture scored", { ...summary });
  return summary;
}
