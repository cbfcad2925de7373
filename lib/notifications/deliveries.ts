// The delivery log, as the admin page reads it.
import { database } from "../db";
import type { DeliveryPayload } from "./plan-deliveries";

export interface DeliveryView {
  id: string;
  ruleId: string;
  ruleName: string;
  dedupKey: string;
  kind: DeliveryPayload["kind"];
  title: string;
  severity: DeliveryPayload["severity"];
  itemCount: number;
  /** pending (waiting, or retrying), sent, failed (gave up), suppressed (folded into the digest of digestDay). */
  status: "pending" | "sent" | "failed" | "suppressed";
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  createdAt: Date;
  sentAt: Date | null;
  /** When the next attempt is due after a failure. */
  retryAt: string | null;
  digestDay: string | null;
}

/** Newest deliveries first, of one rule or of all; `limit` is clamped to 1..500. */
export async function listDeliveries(ruleId?: string, limit = 100): Promise<DeliveryView[]> {
  const rows = await database().prisma.notificationDelivery.findMany({
    where: ruleId ? { ruleId } : undefined,
    orderBy: { id: "desc" },
    take: Math.min(Math.max(Math.trunc(limit), 1), 500),
    include: { rule: { select: { name: true } } },
  });
  return rows.map((row) => {
    const payload = row.payload as unknown as DeliveryPayload;
    return {
      id: row.id.toString(),
      ruleId: row.ruleId,
      ruleName: row.rule.name,
      dedupKey: row.dedupKey,
      kind: payload.kind,
      title: payload.title,
      severity: payload.severity,
      itemCount: payload.items?.length ?? 0,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      responseCode: row.responseCode,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      retryAt: payload.retryAt ?? null,
      digestDay: payload.digestDay ?? null,
    };
  });
}
