// Sends the pending deliveries that are due, a few at a time, and records each attempt on its
// row: attempts, response code, last error, and either sent, a backoff time, or failed after
// MAX_ATTEMPTS. A dead receiver costs at most its timeout per attempt and never stops the
// others; nothing here throws for a channel's failure.
import { database } from "../db";
import type { ActiveRule } from "./match-rule";
import type { DeliveryPayload } from "./plan-deliveries";
import { heldReason, nextRetryAt } from "./schedule";
import { attemptDelivery, type SendableRule, type SendOptions } from "./send-delivery";

export interface DeliverySummary {
  attempted: number;
  sent: number;
  /** Failed this time, with a retry scheduled. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  /** Due by backoff or quiet hours later. */
  held: number;
}

interface PendingRow {
  id: string;
  rule_id: string;
  payload: DeliveryPayload;
  attempts: number;
  name: string;
  channel: SendableRule["channel"];
  target: string;
  secret_ciphertext: Buffer | null;
}

async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/** Attempts every due pending delivery of an enabled rule (oldest first, at most `max`). */
export async function deliverPending(rules: readonly ActiveRule[], now: Date, options: SendOptions & { max: number; concurrency: number }): Promise<DeliverySummary> {
  const summary: DeliverySummary = { attempted: 0, sent: 0, retrying: 0, failed: 0, held: 0 };
  const byId = new Map(rules.map((r) => [r.id, r]));
  if (!byId.size) return summary;
  const { pool } = database();
  const { rows } = await pool.query<PendingRow>(
    `SELECT d.id::text AS id, d.rule_id, d.payload, d.attempts, r.name, r.channel::text AS channel, r.target, r.secret_ciphertext
       FROM notification_delivery d JOIN notification_rule r ON r.id = d.rule_id
      WHERE d.status = 'pending' AND d.rule_id = ANY($1::uuid[])
      ORDER BY d.id LIMIT $2`,
    [[...byId.keys()], options.max],
  );
  const due = rows.filter((row) => {
    const held = heldReason(row.payload, byId.get(row.rule_id)!.quietHours, now);
    if (held) summary.held++;
    return !held;
  });
  await runLimited(due, options.concurrency, async (row) => {
    summary.attempted++;
    const rule: SendableRule = { id: row.rule_id, name: row.name, channel: row.channel, target: row.target, secretCiphertext: row.secret_ciphertext };
    const result = await attemptDelivery({ id: row.id, payload: row.payload }, rule, options);
    const attempts = row.attempts + 1;
    const { retryAt: _previous, ...payload } = row.payload;
    if (result.ok) {
      summary.sent++;
      await pool.query(
        `UPDATE notification_delivery SET status = 'sent', attempts = $2, response_code = $3, last_error = NULL, sent_at = $4, payload = $5 WHERE id = $1 AND status = 'pending'`,
        [row.id, attempts, result.status, now, payload],
      );
      return;
    }
    const retryAt = nextRetryAt(attempts, now);
    if (retryAt) summary.retrying++;
    else summary.failed++;
    await pool.query(
      `UPDATE notification_delivery SET status = $2::delivery_status, attempts = $3, response_code = $4, last_error = $5, payload = $6 WHERE id = $1 AND status = 'pending'`,
      [row.id, retryAt ? "pending" : "failed", attempts, result.status, result.error?.slice(0, 1000) ?? "unknown error", retryAt ? { ...payload, retryAt: retryAt.toISOString() } : payload],
    );
  });
  return summary;
}
