// Sync status: the latest run of every stream with live progress (refreshes every 3 s).
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/page";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { SyncStatusTable } from "@/components/sync/sync-status-table";
import { getSyncStatus, type StreamStatus } from "@/lib/data/sync-status";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sync status" };

async function load(): Promise<StreamStatus[] | null> {
  try {
    return await getSyncStatus();
  } catch (error) {
    console.error("[sync status] could not load sync runs", error);
    return null;
  }
}

export default async function SyncStatusPage() {
  await requirePermission("sync.read");
  const rows = await load();
  return (
    <>
      <PageHeader title="Sync status" description="The latest run of every stream of every connection. Progress is measured against the stream's last full sync." />
      <AutoRefresh seconds={3} />
      {rows === null ? (
        <ErrorPanel />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No sync has run yet"
          body={<p>Syncs run on the worker&apos;s schedule (npm run worker; the demo starts one), or now with npm run sync -- --all.</p>}
          action={{ href: "/admin", label: "Back to Admin" }}
        />
      ) : (
        <SyncStatusTable rows={rows} />
      )}
    </>
  );
}
