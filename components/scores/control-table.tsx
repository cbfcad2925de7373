// Every control of a repository: status in words, the rule, what decided it (evidence), how to
// fix it, and its framework mappings. Details open with the keyboard (<details>).
import type { ControlResultView } from "@/lib/scoring/read";
import { STAGE_LABEL, STAGE_ORDER } from "./stage-labels";

const STATUS_STYLE: Record<string, string> = {
  pass: "bg-severity-low-bg text-severity-low",
  fail: "bg-severity-critical-bg text-severity-critical",
  partial: "bg-severity-medium-bg text-severity-medium",
  unknown: "bg-severity-info-bg text-severity-info",
  accepted: "bg-severity-high-bg text-severity-high",
};

function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence).slice(0, 12);
  if (entries.length === 0) return <span className="text-muted">none recorded</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-all">{typeof v === "string" ? v : JSON.stringify(v).slice(0, 300)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ControlTable({ controls }: { controls: ControlResultView[] }) {
  return (
    <div className="space-y-6">
      {STAGE_ORDER.map((stage) => {
        const mine = controls.filter((c) => c.stage === stage);
        if (mine.length === 0) return null;
        return (
          <section key={stage} aria-labelledby={`controls-${stage}`}>
            <h3 id={`controls-${stage}`} className="mb-2 font-semibold text-ink">{STAGE_LABEL[stage]}</h3>
            <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
              {mine.map((c) => (
                <li key={c.id} className="p-3 text-sm">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                      <span className={`inline-block w-20 rounded px-2 py-0.5 text-center text-xs font-semibold capitalize ${STATUS_STYLE[c.displayStatus] ?? ""}`}>{c.displayStatus}</span>
                      <span className="font-mono text-xs text-muted">{c.id}</span>
                      <span className="text-ink">{c.title}</span>
                    </summary>
                    <div className="mt-3 space-y-2 pl-2">
                      <p><span className="font-medium">Rule:</span> {c.rule}</p>
                      <div><span className="font-medium">Evidence:</span> <Evidence evidence={c.evidence} /></div>
                      {c.status !== "pass" ? <p><span className="font-medium">How to fix:</span> {c.remediation}</p> : null}
                      {c.acceptance ? <p><span className="font-medium">Risk accepted</span> until {c.acceptance.expiresAt.slice(0, 10)} by {c.acceptance.approvedBy ?? "—"}: {c.acceptance.reason}</p> : null}
                      <p className="text-xs text-muted">
                        Weight {c.weight} · NIST SSDF {c.mappings.ssdf.join(", ") || "—"} · OpenSSF Scorecard {c.mappings.scorecard.join(", ") || "—"} · OWASP DSOMM {c.mappings.dsomm.join(", ") || "—"}
                        {c.evaluatedAt ? ` · result since ${c.evaluatedAt.slice(0, 10)}` : ""}
                      </p>
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
