// Admin → Audit trail: sign-ins and failures, role changes, connection and mapping changes,
// exports — newest first. Append-only; nothing here can be edited.
import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page";
import { listAppAuditEvents } from "@/lib/data/app-audit";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("audit.read");
  const params = await searchParams;
  const action = typeof params.action === "string" && /^[a-z_.]{1,50}$/.test(params.action) ? params.action : undefined;
  const before = typeof params.before === "string" && /^\d{1,19}$/.test(params.before) ? params.before : undefined;
  const { rows, next } = await listAppAuditEvents({ action, before });
  return (
    <>
      <PageHeader title="Audit trail" description="What people did in Rampart. Entries cannot be changed or removed." />
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" body={<p>Sign-ins, connection changes and exports appear here.</p>} />
      ) : (
        <div role="region" aria-label="Audit trail" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit trail</caption>
            <thead className="border-b border-line text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">When</th>
                <th scope="col" className="px-4 py-2 font-medium">Action</th>
                <th scope="col" className="px-4 py-2 font-medium">Who</th>
                <th scope="col" className="px-4 py-2 font-medium">What</th>
                <th scope="col" className="px-4 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-line align-top last:border-0">
                  <td className="whitespace-nowrap px-4 py-2"><DateTime value={r.occurredAt} /></td>
                  <td className="px-4 py-2"><Link href={`/admin/audit?action=${r.action}`} className={inlineLinkClass}>{r.action}</Link></td>
                  <td className="px-4 py-2">{r.actorUpn ?? "—"}{r.ipAddress ? <span className="block text-xs text-muted">{r.ipAddress}</span> : null}</td>
                  <td className="px-4 py-2 text-xs">{r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "—"}</td>
                  <td className="px-4 py-2 font-mono text-xs break-all">{JSON.stringify(r.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p className="mt-3 text-sm">
          <Link href={`/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), before: next })}`} className={inlineLinkClass}>Older entries →</Link>
        </p>
      ) : null}
    </>
  );
}
