// Webhook targets registered over the admin endpoint and the log of deliveries to them (what a
// test or the demo inspects, like the "Recent Deliveries" tab of a GitHub hook).
import type { EmulatorContext } from "../../core/context";

export interface WebhookTarget {
  /** X-GitHub-Hook-ID. */
  id: number;
  url: string;
  secret: string;
  /** Event names to deliver ("*" for all). */
  events: string[] | "*";
  /** An app hook (all installations, payloads carry `installation`) or one org's hook. */
  type: "app" | "organization";
  orgIndex: number | null;
  /** Automatic retries after a failed delivery (GitHub itself makes none; 0 by default). */
  retries: number;
  /** Next world event (by index into world.events) this target has not been sent. */
  cursor: number;
}

export interface Delivery {
  id: number;
  guid: string;
  hookId: number;
  event: string;
  action: string | null;
  /** World event it reports (WorldEvent.seq). */
  seq: number;
  deliveredAt: string;
  status: "OK" | "failed" | "pending";
  statusCode: number | null;
  durationMs: number;
  attempts: number;
  redelivery: boolean;
  error?: string;
  /** Exactly what was sent, so it can be redelivered. */
  request: { headers: Record<string, string>; body: string };
}

const MAX_DELIVERIES = 2_000;

export class WebhookRegistry {
  readonly targets: WebhookTarget[] = [];
  readonly deliveries: Delivery[] = [];
  private nextHookId = 500_000_001;
  private nextDeliveryId = 90_000_000_001;

  add(target: Omit<WebhookTarget, "id">): WebhookTarget {
    const added = { ...target, id: this.nextHookId++ };
    this.targets.push(added);
    return added;
  }

  remove(id: number): boolean {
    const index = this.targets.findIndex((t) => t.id === id);
    if (index >= 0) this.targets.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.targets.length = 0;
    this.deliveries.length = 0;
  }

  record(delivery: Omit<Delivery, "id">): Delivery {
    const recorded = { ...delivery, id: this.nextDeliveryId++ };
    this.deliveries.push(recorded);
    // Keep the log bounded: a long demo mutates for hours.
    if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES);
    return recorded;
  }
}

const registries = new WeakMap<EmulatorContext, WebhookRegistry>();

export function webhookRegistry(ctx: EmulatorContext): WebhookRegistry {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new WebhookRegistry()));
  return registry;
}
