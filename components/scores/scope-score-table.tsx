// Organizations or teams with their latest stage scores, each linking to its scorecard.
import Link from "next/link";
import { inlineLinkClass } from "@/components/ui/link-styles";
import type { ScopeScoreRow } from "@/lib/data/posture";
import { STAGE_LABEL, STAGE_ORDER } from "./stage-labels";

export function ScopeScoreTable({ rows, hrefBase, caption, nameHeader }: { rows: ScopeScoreRow[]; hrefBase: string; caption: string; nameHeader: string }) {
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? "—" : Math.round(v));
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{nameHeader}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Repositories</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Overall</th>
            {STAGE_ORDER.map((s) => (
              <th key={s} scope="col" className="px-4 py-2 text-right font-medium">{STAGE_LABEL[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-line last:border-0">
              <td className="px-4 py-2"><Link href={`${hrefBase}/${r.id}`} className={inlineLinkClass}>{r.name}</Link></td>
              <td className="px-4 py-2 text-right tabular-nums">{r.repositories}</td>
              <td className="px-4 py-2 text-right font-semibold tabular-nums">{cell(r.scores.all)}</td>
              {STAGE_ORDER.map((s) => (
                <td key={s} className="px-4 py-2 text-right tabular-nums">{cell(r.scores[s])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
