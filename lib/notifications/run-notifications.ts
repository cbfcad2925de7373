// One notify pass: evaluate the triggers over what happened since the last pass, record the
// deliveries that are new (real-time, or folded into a rule's daily digest), assemble the
// digests of finished days, then send what is due. The notify job and the tests call this.
//
// Idempotent and safe to run anywhere: an advisory lock lets one pass run at a time, the
// window is re-read with an overlap (a row committed late by a long transaction is still
// seen), and deliveries are unique per (rule, dedup key), so re-reading plans nothing twice.
import { database } from "../db";
import { env } from "../env";
import { log } from "../http/log";
import { deliverPending, type DeliverySummary } from "./deliver-pending";
import { evaluateTriggers } from "./evaluate-triggers";
import { loadEvaluatedThrough, loadSlaDays, loadTargetPolicy, STATE_SETTING } from "./notification-settings";
import { buildDigests, digestLookbackStart, planDeliveries, utcDayOf, type FoldedEvent, type MessageItem, type PlannedDelivery } from "./plan-deliveries";
import { loadActiveRules } from "./rules";
import type { EmailTransport } from "./send-delivery";
import type pg from "pg";

export interface NotifyOptions {
  /** The evaluation clock; defaults to now. */
  now?: Date;
  /** How far before the last pass's end to re-read. Default 1 hour. */
  overlapMs?: number;
  /** Deliveries attempted per pass. Default 200. */
  maxDeliveries?: number;
  /** Per-request deadline. Default 10 s. */
  timeoutMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  email?: EmailTransport;
}

export interface NotifySummary extends DeliverySummary {
  skipped?: "another notify pass is in progress";
  rules: number;
  events: number;
  /** New delivery rows (real-time and folded) recorded by this pass. */
  recorded: number;
  digests: number;
}

const LOCK_KEY = "rampart:notify";
/** After a long outage, look back at most this far: older news is on the dashboard. */
const MAX_LOOKBACK_MS = 7 * 86_400_000;

async function insertDeliveries(client: pg.ClientBase, planned: readonly PlannedDelivery[]): Promise<number> {
  if (!planned.length) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO notification_delivery (rule_id, dedup_key, payload, status)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::delivery_status[])
     ON CONFLICT (rule_id, dedup_key) DO NOTHING`,
    [planned.map((p) => p.ruleId), planned.map((p) => p.dedupKey), planned.map((p) => JSON.stringify(p.payload)), planned.map((p) => p.status)],
  );
  return rowCount ?? 0;
}

/** Events folded into digests of days before `today` that have no digest delivery yet. */
async function loadUndigested(client: pg.ClientBase, ruleIds: string[], today: string): Promise<FoldedEvent[]> {
  const since = digestLookbackStart(today);
  const { rows } = await client.query<{ rule_id: string; digest_day: string; item: MessageItem }>(
    `SELECT d.rule_id, d.payload ->> 'digestDay' AS digest_day, d.payload -> 'items' -> 0 AS item
       FROM notification_delivery d
      WHERE d.status = 'suppressed' AND d.rule_id = ANY($1::uuid[])
        AND d.payload ->> 'digestDay' >= $2 AND d.payload ->> 'digestDay' < $3
        AND NOT EXISTS (SELECT 1 FROM notification_delivery x WHERE x.rule_id = d.rule_id AND x.dedup_key = 'digest:' || (d.payload ->> 'digestDay'))
      ORDER BY d.id`,
    [ruleIds, since, today],
  );
  return rows.map((r) => ({ ruleId: r.rule_id, digestDay: r.digest_day, item: r.item }));
}

/** Runs one pass; returns what it did. Channel failures are recorded, never thrown. */
export async function runNotifications(options: NotifyOptions = {}): Promise<NotifySummary> {
  const now = options.now ?? new Date();
  const summary: NotifySummary = { rules: 0, events: 0, recorded: 0, digests: 0, attempted: 0, sent: 0, retrying: 0, failed: 0, held: 0 };
  const client = await database().pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [LOCK_KEY]);
    if (!rows[0]!.locked) return { ...summary, skipped: "another notify pass is in progress" };
    try {
      const rules = await loadActiveRules();
      summary.rules = rules.length;
      const through = await loadEvaluatedThrough();
      // A mark ahead of the clock (a clock moved back, a test's fake clock) is treated as now.
      const start = Math.min(through?.getTime() ?? now.getTime(), now.getTime()) - (options.overlapMs ?? 3_600_000);
      const window = { from: new Date(Math.max(start, now.getTime() - MAX_LOOKBACK_MS)), now };

      const events = await evaluateTriggers(client, rules, window, loadSlaDays);
      summary.events = events.length;
      summary.recorded = await insertDeliveries(client, planDeliveries(rules, events, now));

      const digestRules = rules.filter((r) => r.digest);
      if (digestRules.length) {
        const today = utcDayOf(now);
        const folded = await loadUndigested(client, digestRules.map((r) => r.id), today);
        summary.digests = await insertDeliveries(client, buildDigests(folded, new Map(digestRules.map((r) => [r.id, r.name])), today));
      }
      const value = { evaluatedThrough: now.toISOString() };
      await client.query(`INSERT INTO setting (key, value, updated_by, updated_at) VALUES ($1, $2, 'notify-job', now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`, [STATE_SETTING, value]);

      const delivered = await deliverPending(rules, now, {
        policy: await loadTargetPolicy(),
        origin: env().RAMPART_ORIGIN ?? null,
        timeoutMs: options.timeoutMs ?? 10_000,
        email: options.email,
        max: options.maxDeliveries ?? 200,
        concurrency: options.concurrency ?? 4,
      });
      Object.assign(summary, delivered);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  log("info", "notifications evaluated", { ...summary });
  return summary;
}
