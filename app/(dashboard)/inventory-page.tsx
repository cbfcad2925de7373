// One page body for the inventory lists (organizations, teams, repositories) until each gets its
// own scorecard table: the count, or an empty state that says what to do next.
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { InventorySummary } from "@/lib/data/inventory";
import { requirePermission } from "@/lib/auth/page";
import { loadInventory } from "./load-inventory";
import { ScopeScoreTable } from "@/components/scores/scope-score-table";
import { scopeScoreList, seesAggregates } from "@/lib/data/posture";

interface InventoryPageProps {
  title: string;
  count: keyof Pick<InventorySummary, "organizations" | "teams" | "repositories">;
  emptyTitle: string;
  /** Shown when nothing is connected at all. */
  noConnections: ReactNode;
  /** Shown when sources are connected but nothing of this kind has synced yet. */
  notSyncedYet: ReactNode;
  scorecardNote: string;
  /** Lists organizations or teams with their scorecards, for viewers who see every repository. */
  scoreList?: { kind: "organization" | "team"; hrefBase: string; nameHeader: string };
}

/** Renders the inventory page for one kind of thing. */
export async function InventoryPage(props: InventoryPageProps) {
  const viewer = await requirePermission("posture.read");
  const result = await loadInventory(viewer, props.count);
  if (!result.ok) {
    return (
      <>
        <PageHeader title={props.title} />
        <ErrorPanel />
      </>
    );
  }
  const count = result.summary[props.count];
  const connected = result.summary.connections > 0;
  return (
    <>
      <PageHeader title={props.title} />
      {count === 0 ? (
        <EmptyState
          title={props.emptyTitle}
          body={connected ? props.notSyncedYet : props.noConnections}
          action={connected ? undefined : { href: "/admin", label: "Go to Admin" }}
        />
      ) : props.scoreList && (await seesAggregates(viewer)) ? (
        <ScopeScoreTable rows={await scopeScoreList(props.scoreList.kind)} hrefBase={props.scoreList.hrefBase} caption={props.title} nameHeader={props.scoreList.nameHeader} />
      ) : (
        <>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard label={props.title} value={count} />
          </dl>
          <p className="mt-6 text-muted">{props.scorecardNote}</p>
        </>
      )}
    </>
  );
}
