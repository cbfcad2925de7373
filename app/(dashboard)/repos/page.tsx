// Repositories: every repository Rampart has synced, the level posture is scored at.
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repositories" };

export default async function RepositoriesPage() {
  const result = await loadInventory("repos");
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Repositories" />
        <ErrorPanel />
      </>
    );
  }
  const { repositories, connections } = result.summary;
  return (
    <>
      <PageHeader title="Repositories" />
      {repositories === 0 ? (
        <EmptyState
          title="No repositories yet"
          body={
            connections === 0 ? (
              <p>Repositories appear once an admin connects GitHub or Azure DevOps and the first sync finishes.</p>
            ) : (
              <p>No repository has been synced yet. They appear here after the first sync finishes.</p>
            )
          }
          action={connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
        />
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard label="Repositories" value={repositories} />
          </dl>
          <p className="mt-6 text-muted">Per-repository scorecards appear after the first sync is scored.</p>
        </>
      )}
    </>
  );
}
