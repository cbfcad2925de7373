// Organizations: GitHub and Azure DevOps organizations Rampart has synced.
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  const result = await loadInventory("orgs");
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Organizations" />
        <ErrorPanel />
      </>
    );
  }
  const { organizations, connections } = result.summary;
  return (
    <>
      <PageHeader title="Organizations" />
      {organizations === 0 ? (
        <EmptyState
          title="No organizations yet"
          body={
            connections === 0 ? (
              <p>Organizations appear once an admin connects GitHub or Azure DevOps and the first sync finishes.</p>
            ) : (
              <p>Sources are connected, but no organization has been synced yet. They appear here after the first sync finishes.</p>
            )
          }
          action={connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
        />
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard label="Organizations" value={organizations} />
          </dl>
          <p className="mt-6 text-muted">Per-organization scorecards appear after the first sync is scored.</p>
        </>
      )}
    </>
  );
}
