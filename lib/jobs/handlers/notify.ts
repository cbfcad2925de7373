// Runs one notification pass (lib/notifications). Idempotent: deliveries are unique per rule
// and event, and a pass that finds another running returns without work. A failing channel is
// recorded on its delivery and never fails this job (nor the sync or scoring before it).
import { runNotifications } from "../../notifications/run-notifications";
import { NotifyPayload } from "../names";

export async function handleNotify(data: unknown): Promise<{ recorded: number; sent: number; failed: number; skipped: boolean }> {
  NotifyPayload.parse(data);
  const summary = await runNotifications();
  return { recorded: summary.recorded + summary.digests, sent: summary.sent, failed: summary.failed, skipped: Boolean(summary.skipped) };
}
