// Repositories: GitHub and Azure DevOps repositories Rampart has synced.
import type { Metadata } from "next";
import { InventoryPage } from "../inventory-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repositories" };

export default function RepositoriesPage() {
  return (
    <InventoryPage
      title="Repositories"
      count="repositories"
      emptyTitle="No repositories yet"
      noConnections={<p>Repositories appear once an admin connects GitHub or Azure DevOps and the first sync finishes.</p>}
      notSyncedYet={<p>No repository has been synced yet. They appear here after the first sync finishes.</p>}
      scorecardNote="Per-repository scorecards appear after the first sync is scored."
    />
  );
}
