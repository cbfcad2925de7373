// The viewer's repository scope as query filters. Every lib/data read that returns or counts
// repositories, findings or anything hanging off them goes through one of these, so the scope
// is applied in the query itself — a page that forgets to check still gets only what its viewer
// may see.
import type { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/policy";

/** Repositories the viewer may see, as a Prisma filter on Repository. */
export async function repositoryWhere(viewer: Viewer): Promise<Prisma.RepositoryWhereInput> {
  const scope = await viewer.repositoryScope();
  return scope === "all" ? { deletedAt: null } : { deletedAt: null, id: { in: [...scope] } };
}

/**
 * Findings the viewer may see: those of their repositories, including cloud findings on
 * resources their repositories deploy (code-to-cloud links); unscoped roles see all.
 */
export async function findingWhere(viewer: Viewer): Promise<Prisma.FindingWhereInput> {
  const scope = await viewer.repositoryScope();
  if (scope === "all") return {};
  const ids = [...scope];
  return { OR: [{ repositoryId: { in: ids } }, { cloudResource: { repositoryId: { in: ids } } }] };
}

/** For raw SQL: null means "no restriction", else the allowed repository ids. */
export async function repositoryIdsOrAll(viewer: Viewer): Promise<string[] | null> {
  const scope = await viewer.repositoryScope();
  return scope === "all" ? null : [...scope];
}
