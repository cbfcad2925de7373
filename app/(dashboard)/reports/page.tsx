// Reports: compliance exports for auditors and managers.
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/page";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const viewer = await requirePermission("reports.read");
  const result = await loadInventory(viewer, "reports");
  return (
    <>
      <PageHeader
        title="Reports"
        description="Compliance reports for a period or as of a date: PDF to read, CSV for spreadsheets, OSCAL for GRC tools."
      />
      {!result.ok ? (
        <ErrorPanel />
      ) : (
        <EmptyState
          title="No reports available yet"
          body={
            <p>
              Reports (PDF, CSV, OSCAL) become available once posture data exists: a source is connected, synced, and
              its first sync scored.
            </p>
          }
          action={result.summary.connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
        />
      )}
    </>
  );
}
