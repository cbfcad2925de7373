// One repository: where it lives, who has access through which team, and its open findings.
// Unknown ids and ids outside the viewer's scope both answer 404.
import type { Metadata } from "next";
import { FindingTable } from "@/components/findings/finding-table";
import { EmptyState } from "@/components/ui/empty-state";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requirePermission, requireResource } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/policy";
import { listFindings } from "@/lib/data/findings";
import { getRepository } from "@/lib/data/repositories";
import { ControlTable } from "@/components/scores/control-table";
import { ScorecardView } from "@/components/scores/scorecard-view";
import { repositoryControls, SCORE_DESCRIPTIONS, scorecard } from "@/lib/data/posture";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repository" };

export default async function RepositoryPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("posture.read");
  const { id } = await params;
  const repo = await getRepository(viewer, id);
  await requireResource(viewer, "posture.read", repo && { repositoryId: repo.id });
  const r = repo!;
  const showFindings = hasPermission(viewer, "findings.read");
  const [findings, card, controls] = await Promise.all([
    showFindings ? listFindings(viewer, { repository: r.id, state: "open" }) : null,
    scorecard(viewer, { scope: "repository", id: r.id }),
    repositoryControls(viewer, r.id),
  ]);
  return (
    <>
      <PageHeader
        title={r.fullName}
        description={
          <>
            {r.source === "github" ? "GitHub" : "Azure DevOps"} · default branch <span className="font-mono">{r.defaultBranch ?? "unknown"}</span>
            {r.url ? (
              <>
                {" · "}
                <a href={r.url} className={inlineLinkClass} rel="noreferrer">Open on the source</a>
              </>
            ) : null}
          </>
        }
      />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Critical open" value={r.openFindings.critical} />
        <StatCard label="High open" value={r.openFindings.high} />
        <StatCard label="Medium open" value={r.openFindings.medium} />
        <StatCard label="Low open" value={r.openFindings.low} />
      </dl>
      <section aria-labelledby="scorecard-heading" className="mt-8">
        <h2 id="scorecard-heading" className="mb-3 text-xl font-semibold text-ink">Scorecard</h2>
        {card ? (
          <ScorecardView card={card} formula={[SCORE_DESCRIPTIONS.stage, SCORE_DESCRIPTIONS.unknown, SCORE_DESCRIPTIONS.accepted].join("\n\n")} title={`Stage scores of ${r.fullName}, by day`} />
        ) : (
          <p className="text-muted">This repository has not been scored yet; scoring follows each sync.</p>
        )}
      </section>
      <section aria-labelledby="controls-heading" className="mt-8">
        <h2 id="controls-heading" className="mb-3 text-xl font-semibold text-ink">Controls</h2>
        <ControlTable controls={controls} />
      </section>
      <section aria-labelledby="teams-heading" className="mt-8">
        <h2 id="teams-heading" className="mb-2 text-xl font-semibold text-ink">Teams with access</h2>
        {r.teams.length === 0 ? (
          <p className="text-muted">No team has access; only direct collaborators.</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {r.teams.map((t) => (
              <li key={t.slug}>{t.name} — {t.permission}</li>
            ))}
          </ul>
        )}
      </section>
      {findings ? (
        <section aria-labelledby="findings-heading" className="mt-8">
          <h2 id="findings-heading" className="mb-2 text-xl font-semibold text-ink">Open findings</h2>
          {findings.rows.length === 0 ? (
            <EmptyState headingLevel="h3" title="No open findings" body={<p>No connected source reports an open finding for this repository.</p>} />
          ) : (
            <FindingTable rows={findings.rows} caption={`Open findings of ${r.fullName}`} />
          )}
        </section>
      ) : null}
    </>
  );
}
