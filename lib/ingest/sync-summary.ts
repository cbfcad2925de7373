// What every connector's sync reports per stream, and the options every connector accepts.
// The CLI, the queue handler and the sync status page read these; sources differ only in
// the connector function that produces them (see connectors.ts).
import type { SourceName } from "./sync-runs";

export interface StreamSyncSummary {
  connectionId: string;
  source: SourceName;
  stream: string;
  scopeKey: string;
  status: "succeeded" | "partial" | "failed" | "locked";
  mode: "full" | "incremental";
  /** Source records read by this run. */
  items: number;
  requests: number;
  created: number;
  updated: number;
  unmapped: number;
  seconds: number;
  error?: string;
}

export interface ConnectorSyncOptions {
  mode: "full" | "incremental";
  workerId: string;
  /** How often a failing request is retried before its page fails the stream (source default otherwise). */
  maxRetries?: number;
  /** Only these streams (by name, e.g. "inventory", "audit-log"); every stream when absent. Honoured by the Azure DevOps connector so far. */
  streams?: string[];
  /** Called as pages land; `scope` is the org / subscription / project being read. */
  onProgress?: (progress: { scope: string; stream: string; items: number; requests: number }) => void;
}

/** Syncs every stream of one connection; one summary per (scope, stream). */
export type ConnectorSync = (connectionId: string, options: ConnectorSyncOptions) => Promise<StreamSyncSummary[]>;
