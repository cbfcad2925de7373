// One row per stream: status, a progress bar against the stream's last full run, throughput,
// requests, rate-limit budget and time left.
import type { StreamStatus } from "@/lib/data/sync-status";
import { DateTime } from "@/components/ui/date-time";

const STATUS_STYLE: Record<string, string> = {
  running: "bg-accent/10 text-accent",
  succeeded: "bg-emerald-50 text-emerald-800",
  partial: "bg-amber-50 text-amber-800",
  failed: "bg-red-50 text-red-800",
  queued: "bg-slate-100 text-slate-700",
  cancelled: "bg-slate-100 text-slate-700",
};

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function Progress({ row }: { row: StreamStatus }) {
  const done = row.status !== "running";
  const expected = row.mode === "full" ? row.expectedItems : null;
  const percent = done ? 100 : expected ? Math.min(99, Math.floor((100 * row.itemsSeen) / Math.max(1, expected))) : null;
  if (percent === null) return <span className="text-sm text-muted">{row.itemsSeen.toLocaleString("en")} read</span>;
  return (
    <div className="flex items-center gap-2">
      <progress className="h-2 w-28 accent-[var(--color-accent)]" max={100} value={percent} aria-label={`${row.scopeKey} ${row.stream}: ${percent}% done`} />
      <span className="text-sm tabular-nums text-muted">{percent}%</span>
    </div>
  );
}

export function SyncStatusTable({ rows }: { rows: StreamStatus[] }) {
  return (
    <div role="region" aria-label="Sync status" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Latest sync of every stream</caption>
        <thead className="border-b border-line text-muted">
          <tr>
            {["Connection", "Scope", "Stream", "Status", "Progress", "Items", "Items/s", "Requests", "Rate limit left", "Time left", "Finished"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.connectionName}/${row.scopeKey}/${row.stream}`} className="border-b border-line last:border-0 align-top">
              <td className="px-3 py-2">{row.connectionName}</td>
              <td className="px-3 py-2 font-mono text-xs">{row.scopeKey}</td>
              <td className="px-3 py-2">
                {row.stream}
                <span className="ml-1 text-xs text-muted">({row.mode})</span>
              </td>
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[row.status] ?? ""}`}>{row.status}</span>
                {row.error ? <p className="mt-1 max-w-xs text-xs text-red-800">{row.error.slice(0, 300)}</p> : null}
              </td>
              <td className="px-3 py-2">
                <Progress row={row} />
              </td>
              <td className="px-3 py-2 tabular-nums">{row.itemsSeen.toLocaleString("en")}</td>
              <td className="px-3 py-2 tabular-nums">{row.throughput ?? "—"}</td>
              <td className="px-3 py-2 tabular-nums">{row.requestsSpent.toLocaleString("en")}</td>
              <td className="px-3 py-2 tabular-nums">{row.rateLimitRemaining?.toLocaleString("en") ?? "—"}</td>
              <td className="px-3 py-2 tabular-nums">{row.etaSeconds === null ? "—" : duration(row.etaSeconds)}</td>
              <td className="px-3 py-2">{row.finishedAt ? <DateTime value={row.finishedAt} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
