// Teams: GitHub teams (and, later, Entra groups mapped to them) Rampart has synced.
import type { Metadata } from "next";
import { InventoryPage } from "../inventory-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Teams" };

export default function TeamsPage() {
  return (
    <InventoryPage
      title="Teams"
      count="teams"
      emptyTitle="No teams yet"
      noConnections={<p>Teams are read from connected GitHub organizations. They appear once an admin connects one and the first sync finishes.</p>}
      notSyncedYet={<p>No team has been synced yet. Teams appear here after a GitHub organization&apos;s first sync finishes.</p>}
      scoreList={{ kind: "team", hrefBase: "/teams", nameHeader: "Team" }}
      scorecardNote="Team scorecards pool repositories beyond yours; your repositories' scorecards are under My repositories."
    />
  );
}
