// Admin: source connections (add, test, remove), and the way to identities, sync status and the audit trail.
import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionsPanel, type ConnectionView } from "@/components/admin/connections-panel";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page";
import { listConnections } from "@/lib/data/connections";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const viewer = await requirePermission("connections.manage");
  const connections = await listConnections().catch((error: unknown) => {
    console.error("[admin] could not list connections", error);
    return null;
  });
  const views: ConnectionView[] | null =
    connections?.map((c) => ({
      id: c.id,
      kind: c.kind,
      displayName: c.displayName,
      baseUrl: c.baseUrl,
      secretRef: c.secretRef,
      status: c.status,
      lastTestedAt: c.lastTestedAt?.toISOString() ?? null,
      lastTestResult: (c.lastTestResult as ConnectionView["lastTestResult"]) ?? null,
    })) ?? null;
  return (
    <>
      <PageHeader title="Admin" />
      <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-4 text-sm">
        <Link href="/admin/sync" className={inlineLinkClass}>Sync status</Link>
        <Link href="/admin/identities" className={inlineLinkClass}>Identity mapping</Link>
        <Link href="/admin/audit" className={inlineLinkClass}>Audit trail</Link>
      </nav>
      <section aria-labelledby="connections-heading">
        <h2 id="connections-heading" className="mb-4 text-xl font-semibold text-ink">Connections</h2>
        {views === null ? <ErrorPanel headingLevel="h3" /> : <ConnectionsPanel connections={views} csrfToken={viewer.csrfToken} />}
      </section>
    </>
  );
}
