// A page of findings: severity, title (to the finding), repository, stage, state, first seen.
import Link from "next/link";
import { DateTime } from "@/components/ui/date-time";
import { inlineLinkClass } from "@/components/ui/link-styles";
import type { FindingRow } from "@/lib/data/findings";
import { STAGE_LABEL } from "@/components/scores/stage-labels";
import { SeverityBadge } from "./severity-badge";


export function FindingTable({ rows, caption }: { rows: FindingRow[]; caption: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Severity</th>
            <th scope="col" className="px-4 py-2 font-medium">Finding</th>
            <th scope="col" className="px-4 py-2 font-medium">Repository</th>
            <th scope="col" className="px-4 py-2 font-medium">Stage</th>
            <th scope="col" className="px-4 py-2 font-medium">State</th>
            <th scope="col" className="px-4 py-2 font-medium">First seen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} className="border-b border-line last:border-0">
              <td className="px-4 py-2"><SeverityBadge severity={f.severity} /></td>
              <td className="px-4 py-2">
                <Link href={`/findings/${f.id}`} className={inlineLinkClass}>{f.title}</Link>
                <div className="text-xs text-muted">{f.ruleId}{f.locationPath ? ` · ${f.locationPath}${f.locationLine ? `:${f.locationLine}` : ""}` : ""}</div>
              </td>
              <td className="px-4 py-2">{f.repository ? <Link href={`/repos/${f.repository.id}`} className={inlineLinkClass}>{f.repository.fullName}</Link> : <span className="text-muted">—</span>}</td>
              <td className="px-4 py-2">{STAGE_LABEL[f.stage] ?? f.stage}</td>
              <td className="px-4 py-2 capitalize">{f.state}</td>
              <td className="px-4 py-2 whitespace-nowrap"><DateTime value={f.firstSeenAt} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
