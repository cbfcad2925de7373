// Reading the app's audit trail (admins). Writing is lib/auth/audit.ts; the table is append-only.
import { database } from "../db";

export interface AppAuditRow {
  id: string;
  occurredAt: Date;
  action: string;
  actorUpn: string | null;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ipAddress: string | null;
}

export async function listAppAuditEvents(options: { action?: string; before?: string; limit?: number } = {}): Promise<{ rows: AppAuditRow[]; next: string | null }> {
  const limit = options.limit ?? 100;
  const rows = await database().prisma.appAuditEvent.findMany({
    where: { ...(options.action ? { action: options.action } : {}), ...(options.before ? { id: { lt: BigInt(options.before) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map((r) => ({ id: r.id.toString(), occurredAt: r.occurredAt, action: r.action, actorUpn: r.actorUpn, targetType: r.targetType, targetId: r.targetId, details: r.details, ipAddress: r.ipAddress }));
  return { rows: page, next: rows.length > limit ? page[page.length - 1]!.id : null };
}
