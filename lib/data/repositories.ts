// Repositories as the viewer may see them: the list (with open findings by severity) and one
// repository's page. Out-of-scope ids read as "not found", the same as ids that do not exist.
import { database } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/policy";
import { findingWhere, repositoryWhere } from "./viewer-scope";

export type SeverityCounts = Record<"critical" | "high" | "medium" | "low" | "info", number>;

export interface RepositoryRow {
  id: string;
  fullName: string;
  source: string;
  organization: string;
  defaultBranch: string | null;
  visibility: string | null;
  archived: boolean;
  openFindings: SeverityCounts;
}

const PAGE_SIZE = 50;

function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

async function openCountsByRepository(viewer: Viewer, repositoryIds: string[]): Promise<Map<string, SeverityCounts>> {
  const groups = await database().prisma.finding.groupBy({
    by: ["repositoryId", "severity"],
    where: { AND: [await findingWhere(viewer), { repositoryId: { in: repositoryIds }, state: "open" }] },
    _count: { _all: true },
  });
  const counts = new Map<string, SeverityCounts>();
  for (const g of groups) {
    if (!g.repositoryId) continue;
    const c = counts.get(g.repositoryId) ?? emptyCounts();
    c[g.severity] = g._count._all;
    counts.set(g.repositoryId, c);
  }
  return counts;
}

export interface RepositoryListQuery {
  search?: string;
  page?: number;
  /** Only these repositories (e.g. "my repositories"), intersected with the viewer's scope. */
  onlyIds?: ReadonlySet<string>;
  /** name (default), or risk: most open critical, then high, then medium findings first. */
  orderBy?: "name" | "risk";
}

export async function listRepositories(viewer: Viewer, query: RepositoryListQuery = {}): Promise<{ rows: RepositoryRow[]; total: number; pageSize: number }> {
  const { prisma } = database();
  const where = {
    AND: [
      await repositoryWhere(viewer),
      query.onlyIds ? { id: { in: [...query.onlyIds] } } : {},
      query.search ? { fullName: { contains: query.search, mode: "insensitive" as const } } : {},
    ],
  };
  const page = Math.max(1, query.page ?? 1);
  if (query.orderBy === "risk") return listByRisk(viewer, where, page);
  const [repos, total] = await Promise.all([
    prisma.repository.findMany({
      where,
      orderBy: { fullName: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, fullName: true, source: true, defaultBranch: true, visibility: true, archived: true, organization: { select: { login: true } } },
    }),
    prisma.repository.count({ where }),
  ]);
  const counts = await openCountsByRepository(viewer, repos.map((r) => r.id));
  return {
    rows: repos.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      source: r.source,
      organization: r.organization.login,
      defaultBranch: r.defaultBranch,
      visibility: r.visibility,
      archived: r.archived,
      openFindings: counts.get(r.id) ?? emptyCounts(),
    })),
    total,
    pageSize: PAGE_SIZE,
  };
}

/** Most open critical, then high, then medium findings first (what to fix first), then by name. */
async function listByRisk(viewer: Viewer, where: Prisma.RepositoryWhereInput, page: number): Promise<{ rows: RepositoryRow[]; total: number; pageSize: number }> {
  const { prisma } = database();
  const all = await prisma.repository.findMany({ where, select: { id: true, fullName: true, source: true, defaultBranch: true, visibility: true, archived: true, organization: { select: { login: true } } } });
  const counts = await openCountsByRepository(viewer, all.map((r) => r.id));
  const rows = all
    .map((r) => ({ id: r.id, fullName: r.fullName, source: r.source, organization: r.organization.login, defaultBranch: r.defaultBranch, visibility: r.visibility, archived: r.archived, openFindings: counts.get(r.id) ?? emptyCounts() }))
    .sort((a, b) => b.openFindings.critical - a.openFindings.critical || b.openFindings.high - a.openFindings.high || b.openFindings.medium - a.openFindings.medium || a.fullName.localeCompare(b.fullName));
  return { rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length, pageSize: PAGE_SIZE };
}

export interface RepositoryDetail extends RepositoryRow {
  url: string | null;
  settings: unknown;
  pushedAt: Date | null;
  teams: { slug: string; name: string; permission: string }[];
}

/** One repository, or null when it does not exist or is outside the viewer's scope. */
export async function getRepository(viewer: Viewer, id: string): Promise<RepositoryDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const repo = await database().prisma.repository.findFirst({
    where: { AND: [await repositoryWhere(viewer), { id }] },
    include: { organization: { select: { login: true } }, teams: { include: { team: { select: { slug: true, name: true } } } } },
  });
  if (!repo) return null;
  const counts = await openCountsByRepository(viewer, [repo.id]);
  return {
    id: repo.id,
    fullName: repo.fullName,
    source: repo.source,
    organization: repo.organization.login,
    defaultBranch: repo.defaultBranch,
    visibility: repo.visibility,
    archived: repo.archived,
    openFindings: counts.get(repo.id) ?? emptyCounts(),
    url: repo.url,
    settings: repo.settings,
    pushedAt: repo.pushedAt,
    teams: repo.teams.map((t) => ({ slug: t.team.slug, name: t.team.name, permission: t.permission })).sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}
