// Keeps linked work items in step with their findings after each sync: every open item's state
// is refreshed from GitHub/Boards, and an item whose finding the source now reports fixed,
// dismissed or resolved gets a comment saying so and is closed (setting
// "workItems.closeOnResolve", default on). Idempotent: closed items are not looked at again.
import { database } from "../db";
import { log } from "../http/log";
import { boardsClientFor, githubClientFor } from "./connections";
import { recordLinkState } from "./links";
import { azureBoardsTracker, githubIssueTracker, isOpenState, type Tracker, type WorkItemSystem } from "./trackers";

export const CLOSE_ON_RESOLVE_SETTING = "workItems.closeOnResolve";
/** Links looked at per run, least recently refreshed first, so a large backlog rotates through. */
const BATCH = 500;

export interface WorkItemSyncSummary {
  checked: number;
  /** Links whose state changed at the source (closed or reopened by a person). */
  refreshed: number;
  closed: number;
  failed: number;
}

interface OpenLinkRow {
  id: string;
  system: WorkItemSystem;
  external_id: string;
  state: string;
  finding_id: string | null;
  finding_state: string | null;
  settled_at: Date | null;
  org_login: string | null;
  connection_id: string | null;
  repository_full_name: string | null;
}

async function closeOnResolveEnabled(): Promise<boolean> {
  const row = await database().prisma.setting.findUnique({ where: { key: CLOSE_ON_RESOLVE_SETTING }, select: { value: true } });
  return row?.value !== false;
}

/** Open links with what decides their fate: the finding's state and when it settled. */
async function openLinks(): Promise<OpenLinkRow[]> {
  const { rows } = await database().pool.query<OpenLinkRow>(
    `SELECT l.id, l.system, l.external_id, l.state, l.finding_id::text AS finding_id, f.state::text AS finding_state,
            COALESCE(f.fixed_at, f.dismissed_at, f.resolved_at,
                     (SELECT max(e.occurred_at) FROM finding_event e WHERE e.finding_id = f.id AND e.to_state = f.state)) AS settled_at,
            o.login AS org_login, o.connection_id::text AS connection_id, r.full_name AS repository_full_name
       FROM work_item_link l
       LEFT JOIN finding f ON f.id = l.finding_id
       LEFT JOIN repository r ON r.id = COALESCE(l.repository_id, f.repository_id)
       LEFT JOIN organization o ON o.id = r.organization_id
      WHERE (l.system = 'github_issue' AND l.state = 'open')
         OR (l.system = 'azure_boards' AND lower(l.state) NOT IN ('closed', 'removed', 'done'))
      ORDER BY l.updated_at
      LIMIT $1`,
    [BATCH],
  );
  return rows;
}

/** Trackers per destination, built on first use and shared by the run's links. */
function trackers() {
  const cache = new Map<string, Promise<Tracker>>();
  return (link: OpenLinkRow): Promise<Tracker> => {
    if (link.system === "azure_boards") {
      const organization = link.external_id.slice(0, link.external_id.lastIndexOf("/"));
      const key = `boards:${organization.toLowerCase()}`;
      if (!cache.has(key)) cache.set(key, boardsClientFor(organization).then((wit) => azureBoardsTracker(wit, { organization, project: "" })));
      return cache.get(key)!;
    }
    const fullName = link.external_id.slice(0, link.external_id.indexOf("#"));
    const key = `github:${fullName.toLowerCase()}`;
    if (!cache.has(key)) cache.set(key, githubClientFor(link.connection_id, link.org_login ?? fullName.split("/")[0]!).then((octokit) => githubIssueTracker(octokit, fullName)));
    return cache.get(key)!;
  };
}

function closingComment(link: OpenLinkRow, now: Date): string {
  const when = (link.settled_at ?? now).toISOString().replace(/\.\d{3}Z$/, "Z");
  const how = link.finding_state === "fixed" ? "fixed in source" : link.finding_state === "dismissed" ? "dismissed at the source" : "resolved at the source";
  return `Rampart: this finding was ${how} at ${when}, so this item is being closed. If the problem comes back, the source will reopen the finding and Rampart will show it again.`;
}

/**
 * Refreshes every open linked item's state from its system and closes those whose finding is
 * no longer open (comment first, so the reason is on the item). Run it after each sync.
 */
export async function closeWorkItemsForResolvedFindings({ now }: { now: Date }): Promise<WorkItemSyncSummary> {
  const summary: WorkItemSyncSummary = { checked: 0, refreshed: 0, closed: 0, failed: 0 };
  const links = await openLinks();
  if (links.length === 0) return summary;
  const closeEnabled = await closeOnResolveEnabled();
  const trackerFor = trackers();
  for (const link of links) {
    summary.checked++;
    try {
      const tracker = await trackerFor(link);
      const current = await tracker.read(link.external_id);
      // Deleted at the source: remember it as closed so it is not polled forever.
      if (!current) {
        await recordLinkState(link.id, { state: link.system === "github_issue" ? "closed" : "Removed", url: "" });
        summary.refreshed++;
        continue;
      }
      if (!isOpenState(link.system, current.state)) {
        if (await recordLinkState(link.id, current)) summary.refreshed++;
        continue;
      }
      const settled = link.finding_state !== null && link.finding_state !== "open";
      if (settled && closeEnabled) {
        const closed = await tracker.commentAndClose(link.external_id, closingComment(link, now));
        await recordLinkState(link.id, closed);
        summary.closed++;
      } else {
        await recordLinkState(link.id, current);
      }
    } catch (error) {
      summary.failed++;
      log("warn", "work item state sync failed", { linkId: link.id, system: link.system, externalId: link.external_id, error: (error as Error).message });
    }
  }
  log("info", "work items synced", { ...summary });
  return summary;
}
