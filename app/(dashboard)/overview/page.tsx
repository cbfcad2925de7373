// Overview: what Rampart has ingested so far, or how to connect the first source.
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/page";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { InventorySummary } from "@/lib/data/inventory";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

function isEmpty(s: InventorySummary): boolean {
  return s.connections === 0 && s.organizations + s.teams + s.repositories + s.openFindings === 0;
}

function awaitingFirstSync(s: InventorySummary): boolean {
  return s.connections > 0 && s.organizations + s.repositories + s.openFindings === 0 && s.lastSyncAt === null;
}

function Inventory({ summary }: { summary: InventorySummary }) {
  return (
    <>
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Organizations" value={summary.organizations} />
        <StatCard label="Teams" value={summary.teams} />
        <StatCard label="Repositories" value={summary.repositories} />
        <StatCard label="Open findings" value={summary.openFindings} />
      </dl>
      <p className="mt-4 text-sm text-muted">
        Last sync: {summary.lastSyncAt ? <DateTime value={summary.lastSyncAt} /> : "no sync has finished yet"}
      </p>
      <p className="mt-6 text-muted">Scorecards appear after the first sync is scored.</p>
    </>
  );
}

export default async function OverviewPage() {
  const viewer = await requirePermission("posture.read");
  const result = await loadInventory(viewer, "overview");
  return (
    <>
      <PageHeader title="Overview" />
      {!result.ok ? (
        <ErrorPanel />
      ) : isEmpty(result.summary) ? (
        <EmptyState
          title="No sources connected yet"
          body={
            <p>
              An admin connects GitHub, Microsoft Defender for Cloud or Azure DevOps in Admin → Connections. To try
              Rampart with sample data, <code className="font-mono text-ink">npm run demo</code> connects the built-in
              emulated organizations.
            </p>
          }
          action={{ href: "/admin", label: "Go to Admin" }}
        />
      ) : awaitingFirstSync(result.summary) ? (
        <EmptyState
          title={`${result.summary.connections} source connection${result.summary.connections === 1 ? "" : "s"} configured — waiting for the first sync`}
          body={<p>Organizations, repositories and findings appear here once the first sync of a connection finishes.</p>}
          action={{ href: "/admin", label: "View connections" }}
        />
      ) : (
        <Inventory summary={result.summary} />
      )}
    </>
  );
}
