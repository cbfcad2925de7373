// Findings as the viewer may see them: the explorer's filtered, keyset-paginated list and one
// finding with its history. The viewer's scope is part of every query (findingWhere).
import { z } from "zod";
import { database } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/policy";
import { FINDING_KINDS, FINDING_STATES, SEVERITIES, SOURCES, STAGES } from "../ingest/normalized-finding";
import { findingWhere } from "./viewer-scope";

export const FindingFilters = z.object({
  state: z.enum(FINDING_STATES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  stage: z.enum(STAGES).optional(),
  kind: z.enum(FINDING_KINDS).optional(),
  source: z.enum(SOURCES).optional(),
  organization: z.string().uuid().optional(),
  /** Findings of the team's repositories. */
  team: z.string().uuid().optional(),
  repository: z.string().uuid().optional(),
  /** Words in the title, the rule id or the file path (case-insensitive). */
  search: z.string().trim().max(200).optional(),
  /** First seen at least this many days ago. */
  olderThanDays: z.coerce.number().int().min(1).max(3650).optional(),
  /** Keyset cursor: the last id of the previous page (ids descend). */
  before: z.string().regex(/^\d{1,19}$/).optional(),
});
export type FindingFilters = z.infer<typeof FindingFilters>;

export interface FindingRow {
  id: string;
  title: string;
  severity: string;
  state: string;
  stage: string;
  kind: string;
  source: string;
  ruleId: string;
  repository: { id: string; fullName: string } | null;
  /** The repository the finding counts against: its own, or the one deploying its cloud resource. */
  attributedRepositoryId: string | null;
  locationPath: string | null;
  locationLine: number | null;
  firstSeenAt: Date;
  url: string | null;
}

const PAGE_SIZE = 50;

async function whereFor(viewer: Viewer, f: FindingFilters): Promise<Prisma.FindingWhereInput> {
  return {
    AND: [
      await findingWhere(viewer),
      {
        ...(f.state ? { state: f.state } : {}),
        ...(f.severity ? { severity: f.severity } : {}),
        ...(f.stage ? { stage: f.stage } : {}),
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.source ? { source: f.source } : {}),
        ...(f.organization ? { organizationId: f.organization } : {}),
        ...(f.team ? { repository: { teams: { some: { teamId: f.team } } } } : {}),
        ...(f.repository ? { OR: [{ repositoryId: f.repository }, { cloudResource: { repositoryId: f.repository } }] } : {}),
        ...(f.olderThanDays ? { firstSeenAt: { lte: new Date(Date.now() - f.olderThanDays * 86_400_000) } } : {}),
        ...(f.search
          ? {
              AND: [{ OR: [
                { title: { contains: f.search, mode: "insensitive" as const } },
                { ruleId: { contains: f.search, mode: "insensitive" as const } },
                { locationPath: { contains: f.search, mode: "insensitive" as const } },
              ] }],
            }
          : {}),
        ...(f.before ? { id: { lt: BigInt(f.before) } } : {}),
      },
    ],
  };
}

const rowSelect = {
  id: true,
  title: true,
  severity: true,
  state: true,
  stage: true,
  kind: true,
  source: true,
  ruleId: true,
  locationPath: true,
  locationLine: true,
  firstSeenAt: true,
  url: true,
  repository: { select: { id: true, fullName: true } },
  cloudResource: { select: { repositoryId: true, name: true } },
} satisfies Prisma.FindingSelect;

function toRow(f: Prisma.FindingGetPayload<{ select: typeof rowSelect }>): FindingRow {
  const { cloudResource, ...rest } = f;
  return { ...rest, id: f.id.toString(), attributedRepositoryId: f.repository?.id ?? cloudResource?.repositoryId ?? null };
}

/** One page, newest first; `next` is the cursor for the following page, null at the end. */
export async function listFindings(viewer: Viewer, filters: FindingFilters): Promise<{ rows: FindingRow[]; next: string | null }> {
  const rows = await database().prisma.finding.findMany({ where: await whereFor(viewer, filters), orderBy: { id: "desc" }, take: PAGE_SIZE + 1, select: rowSelect });
  const page = rows.slice(0, PAGE_SIZE).map(toRow);
  return { rows: page, next: rows.length > PAGE_SIZE ? page[page.length - 1]!.id : null };
}

/** Every matching finding, in id order, a batch at a time (exports): memory stays flat. */
export async function* streamFindings(viewer: Viewer, filters: Omit<FindingFilters, "before">, batchSize = 1000): AsyncGenerator<FindingRow[]> {
  const base = await whereFor(viewer, filters);
  let after: bigint | null = null;
  for (;;) {
    const batch: Prisma.FindingGetPayload<{ select: typeof rowSelect }>[] = await database().prisma.finding.findMany({
      where: after === null ? base : { AND: [base, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      select: rowSelect,
    });
    if (batch.length === 0) return;
    yield batch.map(toRow);
    after = batch[batch.length - 1]!.id;
  }
}

export interface FindingDetail extends FindingRow {
  ruleName: string | null;
  sourceSeverity: string | null;
  details: unknown;
  cveId: string | null;
  fixedAt: Date | null;
  dismissedAt: Date | null;
  dismissedReason: string | null;
  resolvedAt: Date | null;
  events: { type: string; fromState: string | null; toState: string; occurredAt: Date; actor: string | null; reason: string | null }[];
}

/** One finding, or null when it does not exist or is outside the viewer's scope. */
export async function getFinding(viewer: Viewer, id: string): Promise<FindingDetail | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const finding = await database().prisma.finding.findFirst({
    where: { AND: [await findingWhere(viewer), { id: BigInt(id) }] },
    select: {
      ...rowSelect,
      ruleName: true,
      sourceSeverity: true,
      details: true,
      cveId: true,
      fixedAt: true,
      dismissedAt: true,
      dismissedReason: true,
      resolvedAt: true,
      events: { orderBy: { occurredAt: "asc" }, select: { type: true, fromState: true, toState: true, occurredAt: true, actor: true, reason: true } },
    },
  });
  if (!finding) return null;
  const { cloudResource, ...rest } = finding;
  return { ...rest, id: finding.id.toString(), attributedRepositoryId: finding.repository?.id ?? cloudResource?.repositoryId ?? null };
}

export interface FilterChoices {
  organizations: { id: string; login: string }[];
  teams: { id: string; name: string; organization: string }[];
}

/** Organizations and teams the viewer can filter by: those holding repositories in their scope. */
export async function findingFilterChoices(viewer: Viewer): Promise<FilterChoices> {
  const { prisma } = database();
  const scope = await viewer.repositoryScope();
  const repositoryScope = scope === "all" ? {} : { id: { in: [...scope] } };
  const [organizations, teams] = await Promise.all([
    prisma.organization.findMany({ where: { deletedAt: null, repositories: { some: { deletedAt: null, ...repositoryScope } } }, orderBy: { login: "asc" }, select: { id: true, login: true } }),
    prisma.team.findMany({
      where: { deletedAt: null, repositories: { some: { repository: { deletedAt: null, ...repositoryScope } } } },
      orderBy: [{ organization: { login: "asc" } }, { name: "asc" }],
      take: 500,
      select: { id: true, name: true, organization: { select: { login: true } } },
    }),
  ]);
  return { organizations, teams: teams.map((t) => ({ id: t.id, name: t.name, organization: t.organization.login })) };
}
