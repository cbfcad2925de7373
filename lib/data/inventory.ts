// Counts of what Rampart knows about, for the dashboard's first paint and its empty states.
import { database } from "../db";

export interface InventorySummary {
  connections: number;
  organizations: number;
  teams: number;
  repositories: number;
  openFindings: number;
  lastSyncAt: Date | null;
}

/**
 * How much has been ingested so far. Counts only, no rows: safe to show to anyone signed in.
 * (Per-viewer scoping arrives with sign-in; until then the shell only ever shows totals.)
 */
export async function getInventorySummary(): Promise<InventorySummary> {
  const { prisma } = database();
  const [connections, organizations, teams, repositories, openFindings, lastRun] = await Promise.all([
    prisma.connection.count(),
    prisma.organization.count({ where: { deletedAt: null } }),
    prisma.team.count({ where: { deletedAt: null } }),
    prisma.repository.count({ where: { deletedAt: null } }),
    prisma.finding.count({ where: { state: "open" } }),
    prisma.syncRun.findFirst({
      where: { status: { in: ["succeeded", "partial"] } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  return { connections, organizations, teams, repositories, openFindings, lastSyncAt: lastRun?.finishedAt ?? null };
}
