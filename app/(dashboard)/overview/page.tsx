// Overview: what Rampart has ingested so far, or how to connect the first source.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/page";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import type { InventorySummary } from "@/lib/data/inventory";
import { loadInventory } from "../load-inventory";
import { PosturePanels } from "@/components/scores/posture-panels";
import { ScorecardView } from "@/components/scores/scorecard-view";
import { seesAllRepositories, type Viewer } from "@/lib/auth/policy";
import { ALL_ORGANIZATIONS, overviewPanels, RISK_DESCRIPTION, SCORE_DESCRIPTIONS, scorecard } from "@/lib/data/posture";

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
    </>
  );
}

const FORMULA = [SCORE_DESCRIPTIONS.stage, SCORE_DESCRIPTIONS.rollup, SCORE_DESCRIPTIONS.unknown, SCORE_DESCRIPTIONS.accepted].join("\n\n");

/** Scores over every organization (for those who see everything) and the panels, scoped to the viewer. */
async function Posture({ viewer }: { viewer: Viewer }) {
  const [card, panels] = await Promise.all([scorecard(viewer, { scope: "enterprise", id: ALL_ORGANIZATIONS }), overviewPanels(viewer)]);
  return (
    <div className="mt-8">
      {card ? (
        <ScorecardView card={card} formula={FORMULA} title="Stage scores across every organization, by day" />
      ) : seesAllRepositories(viewer) ? (
        <p className="text-muted">Scores appear after the first scoring run, which follows each sync.</p>
      ) : (
        <p className="text-muted">
          Organization-wide scores pool repositories beyond yours; each of your repositories has its scorecard under{" "}
          <Link href="/my" className="text-accent underline">My repositories</Link>. The panels below cover your repositories only.
        </p>
      )}
      <PosturePanels panels={panels} riskDescription={RISK_DESCRIPTION} />
    </div>
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
        <>
          <Inventory summary={result.summary} />
          <Posture viewer={viewer} />
        </>
      )}
    </>
  );
}
