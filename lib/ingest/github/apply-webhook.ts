// Applies a verified GitHub webhook delivery through the same reconcile path as a sync:
// alert events become findings (with events at the source's times), security_and_analysis
// updates the repository's settings. Each delivery id is applied once.
import { database } from "../../db";
import { reconcileFindings } from "../reconcile-findings";
import { mapCodeScanningAlert } from "../../sources/github/map-code-scanning-alert";
import { mapDependabotAlert } from "../../sources/github/map-dependabot-alert";
import { mapSecretScanningAlert } from "../../sources/github/map-secret-scanning-alert";
import type { MapResult } from "../../sources/github/map-result";

const ALERT_EVENTS: Record<string, (raw: unknown) => MapResult> = {
  code_scanning_alert: mapCodeScanningAlert,
  secret_scanning_alert: mapSecretScanningAlert,
  dependabot_alert: mapDependabotAlert,
};

/** Events whose effect is a repository setting the next inventory sync re-reads in full. */
const INVENTORY_EVENTS = new Set(["branch_protection_rule", "repository_ruleset", "repository", "team", "membership", "member"]);

export type WebhookOutcome =
  | { status: "duplicate" }
  | { status: "applied"; created: number; updated: number; events: number }
  | { status: "ignored"; reason: string }
  | { status: "unmappable"; error: string };

interface Delivery {
  deliveryId: string;
  event: string;
  payload: Record<string, unknown>;
}

/** Applies the delivery in one transaction with its de-duplication record. */
export async function applyGitHubWebhook(delivery: Delivery): Promise<WebhookOutcome> {
  const client = await database().pool.connect();
  try {
    await client.query("BEGIN");
    const action = typeof delivery.payload.action === "string" ? delivery.payload.action : null;
    const inserted = await client.query(
      `INSERT INTO webhook_delivery (delivery_id, source, event, action, status) VALUES ($1, 'github', $2, $3, 'received')
       ON CONFLICT (delivery_id) DO NOTHING`,
      [delivery.deliveryId, delivery.event, action],
    );
    if (inserted.rowCount === 0) {
      await client.query("ROLLBACK");
      return { status: "duplicate" };
    }
    const outcome = await apply(client, delivery);
    await client.query(`UPDATE webhook_delivery SET status = $2, error = $3, processed_at = now() WHERE delivery_id = $1`, [
      delivery.deliveryId,
      outcome.status,
      outcome.status === "unmappable" ? outcome.error : outcome.status === "ignored" ? outcome.reason : null,
    ]);
    await client.query("COMMIT");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function apply(client: import("pg").PoolClient, delivery: Delivery): Promise<WebhookOutcome> {
  const map = ALERT_EVENTS[delivery.event];
  if (map) {
    const alert = delivery.payload.alert;
    if (!alert || typeof alert !== "object") return { status: "unmappable", error: "payload has no alert" };
    const result = map({ ...(alert as object), repository: delivery.payload.repository });
    if (!result.ok) return { status: "unmappable", error: `${result.reference}: ${result.error}` };
    const written = await reconcileFindings(client, [result.finding], { connectionId: null, organizationId: null, syncRunId: null, observedAt: new Date() });
    return { status: "applied", created: written.created, updated: written.updated, events: written.events };
  }
  if (delivery.event === "security_and_analysis") {
    const repository = delivery.payload.repository as { id?: number; security_and_analysis?: unknown } | undefined;
    if (!repository?.id || !repository.security_and_analysis) return { status: "unmappable", error: "payload has no repository security_and_analysis" };
    const updated = await client.query(
      `UPDATE repository SET settings = settings || jsonb_build_object('securityAndAnalysis', $2::jsonb), updated_at = now()
        WHERE source = 'github' AND source_id = $1 AND settings -> 'securityAndAnalysis' IS DISTINCT FROM $2::jsonb`,
      [String(repository.id), JSON.stringify(repository.security_and_analysis)],
    );
    return { status: "applied", created: 0, updated: updated.rowCount ?? 0, events: 0 };
  }
  if (INVENTORY_EVENTS.has(delivery.event)) return { status: "ignored", reason: "picked up by the next inventory sync" };
  return { status: "ignored", reason: `event ${delivery.event} is not used by Rampart` };
}
