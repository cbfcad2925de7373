// Counts of what the viewer can see, for the dashboard's first paint and its empty states.
import { database } from "../db";
import type { Viewer } from "../auth/policy";
import { findingWhere, repositoryWhere } from "./viewer-scope";

export interface InventorySummary {
  connections: number;
  organizations: number;
  teams: number;
  repositories: number;
  openFindings: number;
  lastSyncAt: Date | null;
}

/** How much has been ingested, within the viewer's scope (developers: their repositories). */
export async function getInventorySummary(viewer: Viewer): Promise<InventorySummary> {
  const { prisma } = database();
  const repositories = await repositoryWhere(viewer);
  const findings = await findingWhere(viewer);
  // Scoped viewers see the orgs and teams their repositories belong to; others see them all.
  const scoped = "id" in repositories;
  const [connections, organizations, teams, repositoryCount, openFindings, lastRun] = await Promise.all([
    prisma.connection.count(),
    prisma.organization.count({ where: { deletedAt: null, ...(scoped ? { repositories: { some: repositories } } : {}) } }),
    prisma.team.count({ where: { deletedAt: null, ...(scoped ? { repositories: { some: { repository: repositories } } } : {}) } }),
    prisma.repository.count({ where: repositories }),
    prisma.finding.count({ where: { ...findings, state: "open" } }),
    prisma.syncRun.findFirst({
      where: { status: { in: ["succeeded", "partial"] } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  return { connections, organizations, teams, repositories: repositoryCount, openFindings, lastSyncAt: lastRun?.finishedAt ?? null };
}
