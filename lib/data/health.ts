// Database reachability and migration status for /api/health and the CLI.
import { database } from "../db";
import { env } from "../env";
import { migrationStatus } from "../database/migrate";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; latencyMs: number | null; embedded: boolean };
  migrations: { applied: number; pending: number; failed: number } | null;
}

/**
 * Pings the database and reads the migration ledger. Reports facts only: no error text,
 * host names or versions, because the endpoint answers unauthenticated probes.
 */
export async function checkHealth(): Promise<HealthReport> {
  const embedded = process.env.RAMPART_DATABASE_EMBEDDED === "1";
  const url = env().DATABASE_URL;
  if (!url) return { status: "down", database: { reachable: false, latencyMs: null, embedded }, migrations: null };
  const started = performance.now();
  try {
    await database().pool.query("SELECT 1");
  } catch {
    return { status: "down", database: { reachable: false, latencyMs: null, embedded }, migrations: null };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const status = await migrationStatus(url).catch(() => null);
  const migrations = status
    ? { applied: status.applied.length, pending: status.pending.length, failed: status.failed.length }
    : null;
  const healthy = migrations !== null && migrations.pending === 0 && migrations.failed === 0;
  return { status: healthy ? "ok" : "degraded", database: { reachable: true, latencyMs, embedded }, migrations };
}
