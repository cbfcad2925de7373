// One organization's or team's scorecard: stage scores and trend, and its repositories. Only for
// viewers who see every repository (the scores pool repositories a developer may not see);
// everyone else — and unknown ids — get 404.
import { notFound } from "next/navigation";
import { RepositoryTable } from "@/components/repos/repository-table";
import { ScorecardView } from "@/components/scores/scorecard-view";
import { PageHeader } from "@/components/ui/page-header";
import type { Viewer } from "@/lib/auth/policy";
import { SCORE_DESCRIPTIONS, scorecard, seesAggregates } from "@/lib/data/posture";
import { listRepositories } from "@/lib/data/repositories";
import type { ScopeDetail } from "@/lib/data/scopes";

export async function ScopeScorecardPage({ viewer, scope }: { viewer: Viewer; scope: ScopeDetail | null }) {
  if (!scope || !(await seesAggregates(viewer))) notFound();
  const [card, repos] = await Promise.all([scorecard(viewer, { scope: scope.kind, id: scope.id }), listRepositories(viewer, { onlyIds: new Set(scope.repositoryIds) })]);
  return (
    <>
      <PageHeader title={scope.name} description={`${scope.kind === "organization" ? "Organization" : "Team"} · ${scope.repositoryIds.length} repositories`} />
      {card ? (
        <ScorecardView card={card} formula={[SCORE_DESCRIPTIONS.rollup, SCORE_DESCRIPTIONS.stage, SCORE_DESCRIPTIONS.unknown].join("\n\n")} title={`Stage scores of ${scope.name}, by day`} />
      ) : (
        <p className="text-muted">Not scored yet: scoring follows each sync.</p>
      )}
      <section aria-labelledby="repos-heading" className="mt-8">
        <h2 id="repos-heading" className="mb-2 text-xl font-semibold text-ink">Repositories</h2>
        {repos.total === 0 ? <p className="text-muted">No repositories.</p> : <RepositoryTable rows={repos.rows} caption={`Repositories of ${scope.name}`} />}
      </section>
    </>
  );
}
