// Repositories: every GitHub and Azure DevOps repository the viewer can see, with open findings.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { RepositoryTable } from "@/components/repos/repository-table";
import { requirePermission } from "@/lib/auth/page";
import { listRepositories } from "@/lib/data/repositories";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Repositories" };

export default async function RepositoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("posture.read");
  const params = await searchParams;
  const search = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const page = Math.max(1, Number(params.page) || 1);
  const result = await listRepositories(viewer, { search: search || undefined, page }).catch((error: unknown) => {
    console.error("[repos] could not list repositories", error);
    return null;
  });
  return (
    <>
      <PageHeader title="Repositories" description="GitHub and Azure DevOps repositories you can see, with their open findings." />
      <form method="get" className="mb-4 flex gap-2" role="search">
        <label htmlFor="repo-search" className="sr-only">Search repositories</label>
        <input id="repo-search" name="q" defaultValue={search} placeholder="Search by name" className="w-72 rounded-md border border-line px-3 py-1.5 text-sm" />
        <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:border-accent">Search</button>
      </form>
      {result === null ? (
        <ErrorPanel />
      ) : result.total === 0 ? (
        <EmptyState
          title={search ? "No repository matches" : "No repositories yet"}
          body={<p>{search ? "Try another name." : "Repositories appear once a GitHub or Azure DevOps connection has synced, and only those you can reach on the source."}</p>}
        />
      ) : (
        <>
          <RepositoryTable rows={result.rows} caption="Repositories" />
          <p className="mt-3 flex gap-4 text-sm text-muted">
            <span>
              {(page - 1) * result.pageSize + 1}–{(page - 1) * result.pageSize + result.rows.length} of {result.total}
            </span>
            {page > 1 ? <Link className={inlineLinkClass} href={`/repos?${new URLSearchParams({ q: search, page: String(page - 1) })}`}>Previous page</Link> : null}
            {page * result.pageSize < result.total ? <Link className={inlineLinkClass} href={`/repos?${new URLSearchParams({ q: search, page: String(page + 1) })}`}>Next page</Link> : null}
          </p>
        </>
      )}
    </>
  );
}
