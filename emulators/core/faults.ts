// Faults on demand. Each emulator has a switchboard of probabilities (0..1) and delays that
// the admin endpoint or RAMPART_EMULATOR_FAULTS sets; the server hook rolls them per request.
import { z } from "zod";
import { Rng } from "./random";

export const FaultConfigSchema = z
  .object({
    /** 500/502/503 responses. */
    serverErrorRate: z.number().min(0).max(1).default(0),
    /** The source's primary rate limit (GitHub 403/429 with x-ratelimit-remaining: 0, ARM/ADO 429). */
    rateLimitRate: z.number().min(0).max(1).default(0),
    /** GitHub's secondary rate limit (403 "You have exceeded a secondary rate limit", retry-after). */
    secondaryRateLimitRate: z.number().min(0).max(1).default(0),
    /** Socket destroyed before any response. */
    connectionResetRate: z.number().min(0).max(1).default(0),
    /** Body cut short after the headers promised the full length. */
    truncatedBodyRate: z.number().min(0).max(1).default(0),
    /** Complete response whose body is not valid JSON. */
    malformedBodyRate: z.number().min(0).max(1).default(0),
    /** World mutates just before a request for a later page (page>1, a cursor, a token). */
    changeBetweenPagesRate: z.number().min(0).max(1).default(0),
    /** Added to every request. */
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Extra delay on a random share of requests ("spikes"). */
    latencySpikeRate: z.number().min(0).max(1).default(0),
    latencySpikeMs: z.number().int().min(0).max(120_000).default(2_000),
    /** Seconds clients are told to wait on rate limits. */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;

export type FaultAction =
  | { kind: "none" }
  | { kind: "reset" }
  | { kind: "server-error"; status: 500 | 502 | 503 }
  | { kind: "rate-limit" }
  | { kind: "secondary-rate-limit" }
  | { kind: "truncate" }
  | { kind: "malformed" };

export interface FaultCounters {
  injected: Record<string, number>;
}

/** The fault switchboard of one emulator. */
export class FaultBoard {
  config: FaultConfig = FaultConfigSchema.parse({});
  readonly counters: FaultCounters = { injected: {} };
  private rng = new Rng(0x5eed);

  set(partial: Partial<FaultConfig>): FaultConfig {
    this.config = FaultConfigSchema.parse({ ...this.config, ...partial });
    return this.config;
  }

  reset(): void {
    this.config = FaultConfigSchema.parse({});
    this.counters.injected = {};
  }

  /** Re-seeds the dice so a fault campaign is repeatable. */
  seed(seed: number): void {
    this.rng = new Rng(seed);
  }

  private count(kind: string): void {
    this.counters.injected[kind] = (this.counters.injected[kind] ?? 0) + 1;
  }

  /** Delay to add before handling this request, in ms. */
  delay(): number {
    const spike = this.config.latencySpikeRate > 0 && this.rng.bool(this.config.latencySpikeRate);
    if (spike) this.count("latency-spike");
    return this.config.latencyMs + (spike ? this.config.latencySpikeMs : 0);
  }

  /** Whether to mutate the world before serving a later page. */
  changeBetweenPages(isLaterPage: boolean): boolean {
    const yes = isLaterPage && this.config.changeBetweenPagesRate > 0 && this.rng.bool(this.config.changeBetweenPagesRate);
    if (yes) this.count("change-between-pages");
    return yes;
  }

  /** What, if anything, goes wrong with this request. Admin requests never reach here. */
  roll(): FaultAction {
    const c = this.config;
    const order: [number, () => FaultAction][] = [
      [c.connectionResetRate, () => ({ kind: "reset" })],
      [c.rateLimitRate, () => ({ kind: "rate-limit" })],
      [c.secondaryRateLimitRate, () => ({ kind: "secondary-rate-limit" })],
      [c.serverErrorRate, () => ({ kind: "server-error", status: this.rng.pick([500, 502, 503] as const) })],
      [c.truncatedBodyRate, () => ({ kind: "truncate" })],
      [c.malformedBodyRate, () => ({ kind: "malformed" })],
    ];
    for (const [rate, make] of order) {
      if (rate > 0 && this.rng.bool(rate)) {
        const action = make();
        this.count(action.kind);
        return action;
      }
    }
    return { kind: "none" };
  }
}
