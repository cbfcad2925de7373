// Syncs a Defender for Cloud connection (an Azure subscription, or several): per subscription
// the secure score, recommendations (assessments), their vulnerability findings
// (sub-assessments), security alerts and the DevOps inventory, a few subscriptions at a time.
// Each stream gets its own client so its requests are counted apart; all share one credential.
import { database } from "../../db";
import { createDefenderClient, type DefenderClient } from "../../sources/defender/client";
import { createDefenderCredential, DefenderConnectionConfigSchema, subscriptionsOf } from "../../sources/defender/credential";
import { mapConcurrently } from "../../sources/defender/devops-inventory";
import { resolveSecret } from "../../sources/secrets";
import type { ConnectorSync, StreamSyncSummary } from "../sync-summary";
import { FINDING_STREAMS } from "./finding-streams";
import { DEVOPS_INVENTORY_STREAM, SECURE_SCORES_STREAM } from "./snapshot-streams";
import { syncFindingStream } from "./sync-finding-stream";
import { syncSnapshotStream } from "./sync-snapshot-stream";

/** Subscriptions of one connection synced at once (each runs its five streams side by side). */
const SUBSCRIPTION_CONCURRENCY = 3;

/** A fresh client per stream for each of the connection's subscriptions. */
export async function defenderTargets(
  connection: { baseUrl: string; config: unknown; secretRef: string | null },
  maxRetries?: number,
): Promise<{ subscriptionId: string; newClient(): DefenderClient }[]> {
  const config = DefenderConnectionConfigSchema.parse(connection.config);
  const secret = connection.secretRef ? await resolveSecret(connection.secretRef) : null;
  const credential = createDefenderCredential(config, secret);
  return subscriptionsOf(config).map((subscriptionId) => ({
    subscriptionId,
    newClient: () => createDefenderClient({ subscriptionId, endpoint: connection.baseUrl, credential, scope: config.armScope, maxRetries }),
  }));
}

/** Syncs the connection; one summary per (subscription, stream). */
export const syncDefenderConnection: ConnectorSync = async (connectionId, options) => {
  const connection = await database().prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const targets = await defenderTargets(connection, options.maxRetries);
  const perSubscription = await mapConcurrently(targets, SUBSCRIPTION_CONCURRENCY, async (target) => {
    const progress = (p: { stream: string; items: number; requests: number }) => options.onProgress?.({ scope: target.subscriptionId, ...p });
    const report = (summary: StreamSyncSummary) => {
      progress({ stream: summary.stream, items: summary.items, requests: summary.requests });
      return summary;
    };
    return Promise.all([
      syncSnapshotStream(target.newClient(), connectionId, options.workerId, SECURE_SCORES_STREAM).then(report),
      ...FINDING_STREAMS.map((stream) => syncFindingStream({ client: target.newClient(), connectionId, stream, workerId: options.workerId, onPage: progress })),
      syncSnapshotStream(target.newClient(), connectionId, options.workerId, DEVOPS_INVENTORY_STREAM).then(report),
    ]);
  });
  return perSubscription.flat();
};
