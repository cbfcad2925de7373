// Creates tracked work items: a GitHub issue in the finding's repository or an Azure Boards
// work item in a chosen project, from findings or from a failing control on a repository.
// Idempotent: a subject with an open item in the target system gets no second one unless the
// caller forces it; concurrent requests for one subject are serialized by an advisory lock.
import { z } from "zod";
import { database } from "../db";
import { env } from "../env";
import { NotFoundError, ValidationError } from "../http/errors";
import { log } from "../http/log";
import { controlById } from "../scoring/catalog";
import { boardsClientFor, githubClientFor } from "./connections";
import { describeControl, describeFinding, type FindingSubject, type WorkItemContent } from "./describe";
import { insertLink, linksOfSubject, withSubjectLock, type LinkSubject, type WorkItemLinkView } from "./links";
import { azureBoardsTracker, githubIssueTracker, type Tracker } from "./trackers";

/** Where the item goes: the repository's issues, or a Boards project (optionally an area path). */
export const WorkItemTarget = z.discriminatedUnion("system", [
  z.object({ system: z.literal("github_issue") }),
  z.object({
    system: z.literal("azure_boards"),
    organization: z.string().min(1),
    project: z.string().min(1),
    areaPath: z.string().min(1).optional(),
    workItemType: z.enum(["Bug", "Task", "Issue", "User Story"]).optional(),
  }),
]);
export type WorkItemTarget = z.infer<typeof WorkItemTarget>;

export interface CreateOptions {
  /** Who asked (UPN or "system"); recorded on the link. */
  createdBy: string;
  /** Open another item even when the subject already has an open one. */
  force?: boolean;
}

export type CreateOutcome =
  | { subject: LinkSubject; status: "created" | "exists"; link: WorkItemLinkView }
  | { subject: LinkSubject; status: "failed"; error: string };

const MAX_FINDINGS_PER_CALL = 100;

interface RepositoryRef {
  id: string;
  fullName: string;
  url: string | null;
  defaultBranch: string | null;
  source: string;
  organization: { login: string; connectionId: string | null };
}

/** One tracker per destination (repository or Boards org), built on first use. */
function trackerCache(target: WorkItemTarget) {
  const cache = new Map<string, Promise<Tracker>>();
  return (repository: RepositoryRef | null): Promise<Tracker> => {
    if (target.system === "azure_boards") {
      const key = target.organization.toLowerCase();
      if (!cache.has(key)) cache.set(key, boardsClientFor(target.organization).then((wit) => azureBoardsTracker(wit, target)));
      return cache.get(key)!;
    }
    if (!repository || repository.source !== "github") throw new ValidationError("GitHub issues can only be opened for findings of GitHub repositories; choose Azure Boards instead.");
    if (!cache.has(repository.id)) cache.set(repository.id, githubClientFor(repository.organization.connectionId, repository.organization.login).then((octokit) => githubIssueTracker(octokit, repository.fullName)));
    return cache.get(repository.id)!;
  };
}

/** Creates (or finds) the item for one subject under its lock. */
async function createOne(target: WorkItemTarget, subject: LinkSubject, repositoryId: string | null, tracker: () => Promise<Tracker>, content: WorkItemContent, options: CreateOptions): Promise<CreateOutcome> {
  try {
    // Resolved before the lock's transaction opens: building the tracker reads the connection
    // from the database, and on the embedded database (one session) a second connection cannot
    // run while this one holds an open transaction.
    const resolved = await tracker();
    return await withSubjectLock(target.system, subject, async (client) => {
      const existing = (await linksOfSubject(client, target.system, subject)).find((l) => l.open);
      if (existing && !options.force) return { subject, status: "exists" as const, link: existing };
      const item = await resolved.create(content);
      const link = await insertLink(client, target.system, subject, repositoryId, item, options.createdBy);
      log("info", "work item created", { system: target.system, externalId: item.externalId, ...subject });
      return { subject, status: "created" as const, link };
    });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    log("warn", "work item creation failed", { system: target.system, ...subject, error: (error as Error).message });
    return { subject, status: "failed", error: (error as Error).message };
  }
}

/** A finding row as Prisma reads it (bigint id, JSON details) → the subject a work item describes. */
function subjectOf(finding: Omit<FindingSubject, "id" | "details" | "repository"> & { id: bigint; details: unknown; repository: RepositoryRef | null}): FindingSubject {
  return {
    ...finding,
    id: String(finding.id),
    details: typeof finding.details === "object" && finding.details !== null ? (finding.details as Record<string, unknown>) : {},
  };
}

/**
 * Opens one item per finding in `target` (a GitHub issue in each finding's repository, or a
 * Boards work item) and links it. Findings that already have an open item there are reported
 * as "exists" unless `force`. A failure on one finding does not stop the others.
 */
export async function createWorkItemsForFindings(findingIds: string[], target: WorkItemTarget, options: CreateOptions): Promise<CreateOutcome[]> {
  const parsedTarget = WorkItemTarget.parse(target);
  const ids = [...new Set(findingIds)];
  if (ids.length === 0) return [];
  if (ids.length > MAX_FINDINGS_PER_CALL) throw new ValidationError(`At most ${MAX_FINDINGS_PER_CALL} findings at a time.`);
  if (!ids.every((id) => /^\d{1,19}$/.test(id))) throw new ValidationError("Finding ids are numbers.");
  const findings = await database().prisma.finding.findMany({
    where: { id: { in: ids.map(BigInt) } },
    select: {
      id: true, title: true, severity: true, state: true, stage: true, kind: true, source: true, ruleId: true, ruleName: true,
      locationPath: true, locationLine: true, url: true, cveId: true, details: true, firstSeenAt: true,
      repository: { select: { id: true, fullName: true, url: true, defaultBranch: true, source: true, organization: { select: { login: true, connectionId: true } } } },
    },
  });
  const byId = new Map(findings.map((f) => [String(f.id), f]));
  const trackerFor = trackerCache(parsedTarget);
  const origin = env().RAMPART_ORIGIN;
  const outcomes: CreateOutcome[] = [];
  // One at a time: each holds its subject's lock, and the services prefer serial writes.
  for (const id of ids) {
    const finding = byId.get(id);
    if (!finding) {
      outcomes.push({ subject: { findingId: id }, status: "failed", error: "Finding not found." });
      continue;
    }
    const content = describeFinding(subjectOf(finding), origin);
    outcomes.push(await createOne(parsedTarget, { findingId: id }, finding.repository?.id ?? null, () => trackerFor(finding.repository), content, options));
  }
  return outcomes;
}

/**
 * Opens an item for control `controlId` failing (or partial) on repository `repositoryId`, from
 * its current result; NotFoundError when there is no such result, ValidationError when it passes.
 */
export async function createWorkItemForControl(repositoryId: string, controlId: string, target: WorkItemTarget, options: CreateOptions): Promise<CreateOutcome> {
  const parsedTarget = WorkItemTarget.parse(target);
  const control = controlById(controlId);
  if (!control) throw new NotFoundError(`No control ${controlId} in the catalog.`);
  const result = await database().prisma.controlResult.findFirst({
    where: { repositoryId, controlId, supersededAt: null },
    orderBy: { evaluatedAt: "desc" },
    select: {
      status: true,
      evidence: true,
      repository: { select: { id: true, fullName: true, url: true, defaultBranch: true, source: true, organization: { select: { login: true, connectionId: true } } } },
    },
  });
  if (!result?.repository) throw new NotFoundError("This control has not been evaluated on this repository.");
  if (result.status !== "fail" && result.status !== "partial") throw new ValidationError(`The control is ${result.status} on this repository; only failing controls get work items.`);
  const repository = result.repository;
  const content = describeControl(
    {
      controlId,
      title: control.title,
      stage: control.stage,
      rule: control.rule,
      remediation: control.remediation,
      status: result.status,
      evidence: typeof result.evidence === "object" && result.evidence !== null ? (result.evidence as Record<string, unknown>) : {},
      repository: { id: repository.id, fullName: repository.fullName, url: repository.url },
    },
    env().RAMPART_ORIGIN,
  );
  const trackerFor = trackerCache(parsedTarget);
  return createOne(parsedTarget, { controlId, repositoryId }, repositoryId, () => trackerFor(repository), content, options);
}
