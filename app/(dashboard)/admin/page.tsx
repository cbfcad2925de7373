// Admin: source connections and, later, identity mapping and settings.
import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { InventorySummary } from "@/lib/data/inventory";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin" };

function Connections({ summary }: { summary: InventorySummary }) {
  if (summary.connections === 0) {
    return (
      <EmptyState
        headingLevel="h3"
        title="No connections configured"
        body={
          <p>
            Adding GitHub, Microsoft Defender for Cloud and Azure DevOps connections here arrives with the connector
            work. Until then, <code className="font-mono text-ink">npm run demo</code> connects the built-in emulated
            organizations.
          </p>
        }
      />
    );
  }
  return (
    <>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Connections" value={summary.connections} />
      </dl>
      <p className="mt-4 text-sm text-muted">
        Last sync: {summary.lastSyncAt ? <DateTime value={summary.lastSyncAt} /> : "no sync has finished yet"}
      </p>
      <p className="mt-6">
        <Link href="/admin/sync" className="font-medium text-accent underline-offset-2 hover:underline">
          Sync status →
        </Link>
      </p>
      <p className="mt-2 text-muted">Adding, testing and removing connections here arrives with sign-in: changing connections needs an admin.</p>
    </>
  );
}

export default async function AdminPage() {
  const result = await loadInventory("admin");
  return (
    <>
      <PageHeader title="Admin" />
      <section aria-labelledby="connections-heading">
        <h2 id="connections-heading" className="mb-4 text-xl font-semibold text-ink">
          Connections
        </h2>
        {result.ok ? <Connections summary={result.summary} /> : <ErrorPanel headingLevel="h3" />}
      </section>
    </>
  );
}
