// Findings: normalized alerts and recommendations from every connected source.
import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { InventorySummary } from "@/lib/data/inventory";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

// The summary counts open findings only, so "none open" after a sync is not the same as "none ingested".
function NoOpenFindings({ summary }: { summary: InventorySummary }) {
  if (summary.lastSyncAt === null) {
    return (
      <EmptyState
        title="No findings ingested yet"
        body={
          <p>
            Code scanning, secret scanning and Dependabot alerts, Defender for Cloud recommendations and alerts appear
            here once a connected source has synced.
          </p>
        }
        action={summary.connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
      />
    );
  }
  return (
    <EmptyState
      title="No open findings"
      body={
        <p>
          No connected source reports an open finding. Last sync: <DateTime value={summary.lastSyncAt} />.
        </p>
      }
    />
  );
}

export default async function FindingsPage() {
  const result = await loadInventory("findings");
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Findings" />
        <ErrorPanel />
      </>
    );
  }
  const { summary } = result;
  return (
    <>
      <PageHeader title="Findings" />
      {summary.openFindings === 0 ? (
        <NoOpenFindings summary={summary} />
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard label="Open findings" value={summary.openFindings} />
          </dl>
          <p className="mt-6 text-muted">
            The list of findings, ranked by what to fix first, appears after the first sync is scored.
          </p>
        </>
      )}
    </>
  );
}
