// Admin → Notifications: rules that tell teams about drift, SLA breaches and critical findings,
// and the log of what was delivered (admins and security readers).
import type { Metadata } from "next";
import { NotificationsPanel } from "@/components/admin/notifications-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page";
import { database } from "@/lib/db";
import { listDeliveries } from "@/lib/notifications/deliveries";
import { listRules } from "@/lib/notifications/rules";
import { secretKeyConfigured } from "@/lib/notifications/secret-box";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const viewer = await requirePermission("notifications.manage");
  const [rules, deliveries, teams] = await Promise.all([
    listRules(),
    listDeliveries(undefined, 100),
    database().prisma.team.findMany({ where: { deletedAt: null }, orderBy: [{ organization: { login: "asc" } }, { name: "asc" }], take: 500, select: { id: true, name: true, organization: { select: { login: true } } } }),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, `${t.organization.login} / ${t.name}`]));
  return (
    <>
      <PageHeader title="Notifications" description="Tell teams when posture drifts: critical findings at once, the rest as they happen or in a daily digest. Deliveries are retried with backoff and never hold up a sync." />
      <NotificationsPanel
        csrfToken={viewer.csrfToken}
        secretKeyConfigured={secretKeyConfigured()}
        teams={teams.map((t) => ({ id: t.id, name: teamName.get(t.id)! }))}
        rules={rules.map((r) => ({
          id: r.id,
          name: r.name,
          trigger: r.trigger,
          channel: r.channel,
          target: r.target,
          digest: r.digest,
          enabled: r.enabled,
          scope: r.conditions.scope.kind === "team" ? r.conditions.scope.teamIds.map((id) => teamName.get(id) ?? id).join(", ") : r.conditions.scope.kind === "organization" ? "selected organizations" : "everything",
        }))}
        deliveries={deliveries.map((d) => ({ id: d.id, ruleName: d.ruleName, title: d.title, status: d.status, attempts: d.attempts, responseCode: d.responseCode, lastError: d.lastError, createdAt: d.createdAt.toISOString() }))}
      />
    </>
  );
}
