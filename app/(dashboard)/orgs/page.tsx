// Organizations: GitHub and Azure DevOps organizations Rampart has synced.
import type { Metadata } from "next";
import { InventoryPage } from "../inventory-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Organizations" };

export default function OrganizationsPage() {
  return (
    <InventoryPage
      title="Organizations"
      count="organizations"
      emptyTitle="No organizations yet"
      noConnections={<p>Organizations appear once an admin connects GitHub or Azure DevOps and the first sync finishes.</p>}
      notSyncedYet={<p>Sources are connected, but no organization has been synced yet. They appear here after the first sync finishes.</p>}
      scoreList={{ kind: "organization", hrefBase: "/orgs", nameHeader: "Organization" }}
      scorecardNote="Organization scorecards pool repositories beyond yours; your repositories' scorecards are under My repositories."
    />
  );
}
