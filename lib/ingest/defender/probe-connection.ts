// "Test connection" for a Defender connection: per subscription, can the credential get an ARM
// token and read the subscription and its secure score, and how much of ARM's hourly read
// budget is left. Nothing is written.
import { readSubscription, secureScores } from "../../sources/defender/fetch";
import { defenderTargets } from "./sync-connection";

export interface DefenderProbeResult {
  scope: string;
  ok: boolean;
  displayName?: string | null;
  readsRemaining?: number | null;
  error?: string;
}

export async function probeDefenderConnection(connection: { baseUrl: string; config: unknown; secretRef: string | null }): Promise<DefenderProbeResult[]> {
  const targets = await defenderTargets(connection, 1);
  return Promise.all(
    targets.map(async (target) => {
      const client = target.newClient();
      try {
        const subscription = await readSubscription(client);
        await secureScores(client);
        return { scope: target.subscriptionId, ok: true, displayName: subscription.displayName, readsRemaining: client.meter.rateLimitRemaining };
      } catch (error) {
        return { scope: target.subscriptionId, ok: false, error: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
      }
    }),
  );
}
