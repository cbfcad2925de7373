// The app's own audit trail: sign-ins and failures, roles seen, connection and mapping changes,
// exports, risk decisions. Append-only: the table refuses UPDATE and DELETE (migration
// app_audit_append_only), so not even a bug in Rampart can rewrite history.
import { database } from "../db";
import { log, describeError } from "../http/log";
import type { Viewer } from "./policy";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_out"
  | "auth.roles_changed"
  | "connection.created"
  | "connection.updated"
  | "connection.deleted"
  | "connection.tested"
  | "identity_link.created"
  | "identity_link.deleted"
  | "export.created"
  | "risk.accepted"
  | "risk.revoked"
  | "risk.expired"
  | "workitem.created"
  | "finding.assigned"
  | "notification_rule.created"
  | "notification_rule.updated"
  | "notification_rule.deleted";

export interface AuditEntry {
  action: AuditAction;
  actor?: Pick<Viewer, "objectId" | "upn"> | { objectId: string | null; upn: string | null } | null;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  request?: Request;
}

export function clientAddress(request: Request | undefined): string | null {
  if (!request) return null;
  // Behind a proxy, the first X-Forwarded-For hop is the client; it is informational only here.
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}

/** Writes one entry. Never throws: a failing audit write is logged loudly, not turned into a 500 mid-action. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    await database().prisma.appAuditEvent.create({
      data: {
        action: entry.action,
        actorObjectId: entry.actor?.objectId ?? null,
        actorUpn: entry.actor?.upn ?? null,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        details: (entry.details ?? {}) as object,
        ipAddress: clientAddress(entry.request),
        userAgent: entry.request?.headers.get("user-agent")?.slice(0, 512) ?? null,
      },
    });
  } catch (error) {
    log("error", "audit write failed", { action: entry.action, ...describeError(error) });
  }
}
