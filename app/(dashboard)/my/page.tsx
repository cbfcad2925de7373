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

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My repositories" };

export default async function MyRepositoriesPage() {
  const viewer = await requirePermission("posture.read");
  const result = await resolveRepositoryScope(viewer)
    .then((mine) => listRepositories(viewer, { onlyIds: mine }))
    .catch((error: unknown) => {
      console.error("[my] could not list repositories", error);
      return null;
    });
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
        <RepositoryTable rows={result.rows} caption="My repositories" />
      )}
    </>
  );
}
