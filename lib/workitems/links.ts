// work_item_link rows: reading them per finding, writing one under a per-subject lock so two
// clicks (or two web replicas) never open two items for the same finding, and refreshing state.
import type pg from "pg";
import { database, inTransaction } from "../db";
import { isOpenState, type ExternalItem, type WorkItemSystem } from "./trackers";

export interface WorkItemLinkView {
  id: string;
  system: WorkItemSystem;
  externalId: string;
  url: string;
  state: string;
  open: boolean;
  findingId: string | null;
  controlId: string | null;
  repositoryId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a link is about: one finding, or one control on one repository. */
export type LinkSubject = { findingId: string } | { controlId: string; repositoryId: string };

interface LinkRow {
  id: string;
  system: string;
  external_id: string;
  url: string;
  state: string;
  finding_id: string | null;
  control_id: string | null;
  repository_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const LINK_COLUMNS = "id, system, external_id, url, state, finding_id::text AS finding_id, control_id, repository_id::text AS repository_id, created_by, created_at, updated_at";

function view(row: LinkRow): WorkItemLinkView {
  const system = row.system as WorkItemSystem;
  return {
    id: row.id,
    system,
    externalId: row.external_id,
    url: row.url,
    state: row.state,
    open: isOpenState(system, row.state),
    findingId: row.finding_id,
    controlId: row.control_id,
    repositoryId: row.repository_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function lockKey(system: WorkItemSystem, subject: LinkSubject): string {
  return "findingId" in subject ? `rampart-workitem:${system}:finding:${subject.findingId}` : `rampart-workitem:${system}:control:${subject.repositoryId}:${subject.controlId}`;
}

/**
 * Runs `fn` in a transaction holding the subject's advisory lock, so concurrent requests for
 * the same subject queue up and the second sees the first one's link. The lock is held across
 * the call to GitHub/Boards: that is the point — the item must not be created twice.
 */
export async function withSubjectLock<T>(system: WorkItemSystem, subject: LinkSubject, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey(system, subject)]);
    return fn(client);
  });
}

/** The subject's links in `system`, newest first. */
export async function linksOfSubject(client: pg.ClientBase, system: WorkItemSystem, subject: LinkSubject): Promise<WorkItemLinkView[]> {
  const { rows } =
    "findingId" in subject
      ? await client.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM work_item_link WHERE system = $1 AND finding_id = $2::bigint ORDER BY created_at DESC`, [system, subject.findingId])
      : await client.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM work_item_link WHERE system = $1 AND control_id = $2 AND repository_id = $3::uuid AND finding_id IS NULL ORDER BY created_at DESC`, [
          system,
          subject.controlId,
          subject.repositoryId,
        ]);
  return rows.map(view);
}

export async function insertLink(client: pg.ClientBase, system: WorkItemSystem, subject: LinkSubject, repositoryId: string | null, item: ExternalItem, createdBy: string): Promise<WorkItemLinkView> {
  const findingId = "findingId" in subject ? subject.findingId : null;
  const controlId = "controlId" in subject ? subject.controlId : null;
  const { rows } = await client.query<LinkRow>(
    `INSERT INTO work_item_link (finding_id, control_id, repository_id, system, external_id, url, state, created_by, updated_at)
     VALUES ($1::bigint, $2, $3::uuid, $4, $5, $6, $7, $8, now())
     RETURNING ${LINK_COLUMNS}`,
    [findingId, controlId, repositoryId, system, item.externalId, item.url, item.state, createdBy],
  );
  return view(rows[0]!);
}

/** Every link of these findings (for the finding page and lists), newest first. */
export async function workItemsOfFindings(findingIds: string[]): Promise<WorkItemLinkView[]> {
  if (findingIds.length === 0) return [];
  const { rows } = await database().pool.query<LinkRow>(`SELECT ${LINK_COLUMNS} FROM work_item_link WHERE finding_id = ANY($1::bigint[]) ORDER BY created_at DESC`, [findingIds]);
  return rows.map(view);
}

/**
 * Records the item's state (and URL) as the system reported it, stamping updated_at as the
 * time of the last refresh; returns whether the state changed.
 */
export async function recordLinkState(linkId: string, item: Pick<ExternalItem, "state" | "url">): Promise<boolean> {
  const { rows } = await database().pool.query<{ changed: boolean }>(
    `UPDATE work_item_link l SET state = $2, url = CASE WHEN $3 = '' THEN l.url ELSE $3 END, updated_at = now()
       FROM (SELECT state FROM work_item_link WHERE id = $1::uuid FOR UPDATE) AS before
      WHERE l.id = $1::uuid
      RETURNING before.state IS DISTINCT FROM $2 AS changed`,
    [linkId, item.state, item.url],
  );
  return rows[0]?.changed ?? false;
}
