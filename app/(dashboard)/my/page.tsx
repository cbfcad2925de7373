// My repositories: the repositories the signed-in person can reach on the source (through their
// teams, as a collaborator, or through an Entra group mapped to a team) — a developer's home.
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { PageHeader } from "@/components/ui/page-header";
import { RepositoryTable } from "@/components/repos/repository-table";
import { requirePermission } from "@/lib/auth/page";
import { resolveRepositoryScope } from "@/lib/auth/scope";
import { listRepositories } from "@/lib/data/repositories";
import Link from "next/link";
import { SeverityBadge } from "@/components/findings/severity-badge";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { can } from "@/lib/auth/policy";
import { findingsAssignedTo } from "@/lib/workitems/ownership";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My repositories" };

export default async function MyRepositoriesPage() {
  const viewer = await requirePermission("posture.read");
  const result = await resolveRepositoryScope(viewer)
    .then((mine) => listRepositories(viewer, { onlyIds: mine, orderBy: "risk" }))
    .catch((error: unknown) => {
      console.error("[my] could not list repositories", error);
      return null;
    });
  // Assigned to me: by UPN or a linked source login — only what the viewer may see.
  const assigned = viewer.upn ? await findingsAssignedTo(viewer.upn, { limit: 50 }) : [];
  const visibleAssigned = (await Promise.all(assigned.map(async (f) => ((await can(viewer, "findings.read", { repositoryId: f.repositoryId })) ? f : null)))).filter((f) => f !== null);
  return (
    <>
      <PageHeader title="My repositories" description="Repositories you can reach on GitHub or Azure DevOps, with their open findings." />
      {result === null ? (
        <ErrorPanel />
      ) : result.total === 0 ? (
        <EmptyState
          title="No repositories linked to you yet"
          body={
            <p>
              Rampart finds your repositories through your GitHub account (linked by your organization&apos;s SAML single
              sign-on) and your Entra groups. If you expected some here, ask an admin to link your account.
            </p>
          }
        />
      ) : (
        <>
          <p className="mb-2 text-sm text-muted">Ranked by what to fix first: open critical, then high, then medium findings.</p>
          <RepositoryTable rows={result.rows} caption="My repositories" />
        </>
      )}
      <section aria-labelledby="assigned-heading" className="mt-8">
        <h2 id="assigned-heading" className="mb-2 text-xl font-semibold text-ink">Assigned to me</h2>
        {visibleAssigned.length === 0 ? (
          <p className="text-muted">No open finding is assigned to you.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {visibleAssigned.map((f) => (
              <li key={f.id}>
                <SeverityBadge severity={f.severity} /> <Link href={`/findings/${f.id}`} className={inlineLinkClass}>{f.title}</Link>
                <span className="text-muted"> · {f.repositoryFullName ?? "no repository"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
