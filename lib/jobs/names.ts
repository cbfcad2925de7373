// Job names and their payloads: the only contract between whoever enqueues and the worker.
import { z } from "zod";

export const JOBS = {
  /** Sync one connection now (full or incremental). */
  syncConnection: "sync-connection",
  /** Fan out an incremental sync per enabled connection (every N minutes). */
  scheduleIncremental: "schedule-incremental-syncs",
  /** Fan out a full sync per enabled connection (nightly). pg-boss keeps one schedule per queue. */
  scheduleFull: "schedule-full-syncs",
} as const;

export const SyncConnectionPayload = z.object({
  connectionId: z.string().uuid(),
  mode: z.enum(["full", "incremental"]),
});
export type SyncConnectionPayload = z.infer<typeof SyncConnectionPayload>;

export const ScheduleSyncsPayload = z.object({ mode: z.enum(["full", "incremental"]) });
export type ScheduleSyncsPayload = z.infer<typeof ScheduleSyncsPayload>;
