// Teams: the GitHub teams Rampart has synced, the unit developers' views are scoped by.
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const result = await loadInventory("teams");
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Teams" />
        <ErrorPanel />
      </>
    );
  }
  const { teams, connections } = result.summary;
  return (
    <>
      <PageHeader title="Teams" />
      {teams === 0 ? (
        <EmptyState
          title="No teams yet"
          body={
            connections === 0 ? (
              <p>Teams are read from connected GitHub organizations. They appear once an admin connects one and the first sync finishes.</p>
            ) : (
              <p>No team has been synced yet. Teams appear here after a GitHub organization&apos;s first sync finishes.</p>
            )
          }
          action={connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
        />
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard label="Teams" value={teams} />
          </dl>
          <p className="mt-6 text-muted">Per-team scorecards appear after the first sync is scored.</p>
        </>
      )}
    </>
  );
}
