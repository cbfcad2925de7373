// Repositories with their open findings by severity.
import Link from "next/link";
import { inlineLinkClass } from "@/components/ui/link-styles";
import type { RepositoryRow } from "@/lib/data/repositories";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export function RepositoryTable({ rows, caption }: { rows: RepositoryRow[]; caption: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Repository</th>
            <th scope="col" className="px-4 py-2 font-medium">Source</th>
            <th scope="col" className="px-4 py-2 font-medium">Default branch</th>
            {SEVERITIES.map((s) => (
              <th key={s} scope="col" className="px-4 py-2 text-right font-medium capitalize">{s}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-line last:border-0">
              <td className="px-4 py-2">
                <Link href={`/repos/${r.id}`} className={inlineLinkClass}>{r.fullName}</Link>
                {r.archived ? <span className="ml-2 text-xs text-muted">archived</span> : null}
              </td>
              <td className="px-4 py-2">{r.source === "github" ? "GitHub" : "Azure DevOps"}</td>
              <td className="px-4 py-2 font-mono text-xs">{r.defaultBranch ?? "—"}</td>
              {SEVERITIES.map((s) => (
                <td key={s} className="px-4 py-2 text-right tabular-nums">{r.openFindings[s]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
