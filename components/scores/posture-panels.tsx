// The overview's panels below the scores: riskiest repositories, SLA breaches, tool coverage and
// time to remediate. Plain tables: every number is text, nothing lives only in a colour or chart.
import Link from "next/link";
import { SeverityBadge } from "@/components/findings/severity-badge";
import { inlineLinkClass } from "@/components/ui/link-styles";
import type { overviewPanels } from "@/lib/data/posture";

type Panels = Awaited<ReturnType<typeof overviewPanels>>;

function Panel({ id, title, children, note }: { id: string; title: string; children: React.ReactNode; note?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-surface p-4">
      <h2 id={id} className="text-lg font-semibold text-ink">{title}</h2>
      {note ? <p className="mt-1 text-xs text-muted">{note}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

const th = "px-2 py-1 text-left font-medium text-muted";
const td = "px-2 py-1";

export function PosturePanels({ panels, riskDescription }: { panels: Panels; riskDescription: string }) {
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-2">
      <Panel id="risk-heading" title="Top risks" note={riskDescription}>
        {panels.risks.length === 0 ? (
          <p className="text-sm text-muted">No scored repositories yet.</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Riskiest repositories</caption>
            <thead><tr><th scope="col" className={th}>Repository</th><th scope="col" className={`${th} text-right`}>Risk</th><th scope="col" className={`${th} text-right`}>Critical</th><th scope="col" className={`${th} text-right`}>High</th><th scope="col" className={`${th} text-right`}>Score</th></tr></thead>
            <tbody>
              {panels.risks.map((r) => (
                <tr key={r.repositoryId} className="border-t border-line">
                  <td className={td}><Link href={`/repos/${r.repositoryId}`} className={inlineLinkClass}>{r.fullName}</Link></td>
                  <td className={`${td} text-right tabular-nums`}>{r.risk}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.rollup.open.critical}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.rollup.open.high}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.rollup.score === null ? "—" : Math.round(r.rollup.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel id="sla-heading" title="SLA breaches" note={`Open past target: ${["critical", "high", "medium", "low"].map((s) => `${panels.breaches.totals[s] ?? 0} ${s}`).join(", ")}.`}>
        {panels.breaches.findings.length === 0 ? (
          <p className="text-sm text-muted">Nothing is past its SLA.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {panels.breaches.findings.map((b) => (
              <li key={b.findingId}>
                <SeverityBadge severity={b.severity} /> <Link href={`/findings/${b.findingId}`} className={inlineLinkClass}>{b.title}</Link>
                <span className="block text-xs text-muted">
                  {b.repositoryFullName ?? "no repository"} · {b.daysOverdue} days past a {b.slaDays}-day SLA{b.accepted ? " · risk accepted" : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel id="coverage-heading" title="Coverage" note="Share of repositories with each safeguard on, from the latest scoring.">
        <table className="w-full text-sm">
          <caption className="sr-only">Tool coverage</caption>
          <thead><tr><th scope="col" className={th}>Safeguard</th><th scope="col" className={`${th} text-right`}>On</th><th scope="col" className={`${th} text-right`}>Unknown</th><th scope="col" className={`${th} text-right`}>Share</th></tr></thead>
          <tbody>
            {panels.coverage.map((c) => (
              <tr key={c.controlId} className="border-t border-line">
                <td className={td}>{c.tool}</td>
                <td className={`${td} text-right tabular-nums`}>{c.on} / {c.repositories}</td>
                <td className={`${td} text-right tabular-nums`}>{c.unknown}</td>
                <td className={`${td} text-right tabular-nums`}>{c.percent === null ? "—" : `${c.percent}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {panels.mttr ? (
        <Panel id="mttr-heading" title="Time to remediate" note="Mean time from first report to fix, over findings fixed in the last 90 days.">
          <table className="w-full text-sm">
            <caption className="sr-only">Mean time to remediate by severity</caption>
            <thead><tr><th scope="col" className={th}>Severity</th><th scope="col" className={`${th} text-right`}>Fixed</th><th scope="col" className={`${th} text-right`}>Mean</th></tr></thead>
            <tbody>
              {(["critical", "high", "medium", "low"] as const).map((s) => (
                <tr key={s} className="border-t border-line">
                  <td className={td}><SeverityBadge severity={s} /></td>
                  <td className={`${td} text-right tabular-nums`}>{panels.mttr![s].closed}</td>
                  <td className={`${td} text-right tabular-nums`}>{panels.mttr![s].meanHours === null ? "—" : `${(panels.mttr![s].meanHours! / 24).toFixed(1)} days`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </div>
  );
}
