// Job names and their payloads: the only contract between whoever enqueues and the worker.
import { z } from "zod";

export const JOBS = {
  /** Sync one connection now (full or incremental). */
  syncConnection: "sync-connection",
  /** Fan out an incremental sync per enabled connection (every N minutes). */
  scheduleIncremental: "schedule-incremental-syncs",
  /** Fan out a full sync per enabled connection (nightly). pg-boss keeps one schedule per queue. */
  scheduleFull: "schedule-full-syncs",
  /** Evaluate the control catalog and snapshot today's rollups (after each sync, and nightly). */
  scorePosture: "score-posture",
  /** Evaluate notification rules and send what is due (every minute, and after each scoring run). */
  notify: "notify",
  /** Refresh linked work items and close those whose finding is no longer open (after each sync). */
  syncWorkItems: "sync-work-items",
} as const;

export const SyncConnectionPayload = z.object({
  connectionId: z.string().uuid(),
  mode: z.enum(["full", "incremental"]),
});
export type SyncConnectionPayload = z.infer<typeof SyncConnectionPayload>;

export const ScheduleSyncsPayload = z.object({ mode: z.enum(["full", "incremental"]) });
export type ScheduleSyncsPayload = z.infer<typeof ScheduleSyncsPayload>;

export const ScorePosturePayload = z.object({
  /** Why scoring runs: after a connection's sync, the nightly schedule, or by hand. */
  reason: z.enum(["sync", "nightly", "manual"]),
  connectionId: z.string().uuid().optional(),
});
export type ScorePosturePayload = z.infer<typeof ScorePosturePayload>;

export const NotifyPayload = z.object({
  /** Why the pass runs: the minute schedule, after a scoring run, or by hand. */
  reason: z.enum(["schedule", "scoring", "manual"]),
});
export type NotifyPayload = z.infer<typeof NotifyPayload>;

export const SyncWorkItemsPayload = z.object({ reason: z.enum(["sync", "manual"]) });
export type SyncWorkItemsPayload = z.infer<typeof SyncWorkItemsPayload>;
