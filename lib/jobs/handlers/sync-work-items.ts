// Brings linked work items in step with their findings (lib/workitems/sync-state.ts). Queued
// after each successful sync; idempotent, so a retry or a duplicate run changes nothing more.
import { closeWorkItemsForResolvedFindings, type WorkItemSyncSummary } from "../../workitems/sync-state";
import { SyncWorkItemsPayload } from "../names";

export async function handleSyncWorkItems(data: unknown): Promise<WorkItemSyncSummary> {
  SyncWorkItemsPayload.parse(data);
  return closeWorkItemsForResolvedFindings({ now: new Date() });
}
