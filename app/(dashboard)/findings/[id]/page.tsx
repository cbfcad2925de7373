// One finding with its history. Unknown ids and ids outside the viewer's scope both answer 404.
import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/findings/severity-badge";
import { DateTime } from "@/components/ui/date-time";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission, requireResource } from "@/lib/auth/page";
import { RiskAcceptancePanel } from "@/components/findings/risk-acceptance-panel";
import { can } from "@/lib/auth/policy";
import { getFinding } from "@/lib/data/findings";
import { riskAcceptancesForFinding } from "@/lib/data/risk-acceptances";
import { TriagePanel } from "@/components/findings/triage-panel";
import { findingTriage } from "@/lib/data/triage";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Finding" };

/** The date the acceptance form proposes: a month from now. */
function defaultExpiry(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("findings.read");
  const { id } = await params;
  const finding = await getFinding(viewer, id);
  await requireResource(viewer, "findings.read", finding && { repositoryId: finding.attributedRepositoryId });
  const f = finding!;
  const [acceptances, canAccept, canTriage, triage] = await Promise.all([
    riskAcceptancesForFinding({ id: f.id, repositoryId: f.repository?.id ?? null, ruleId: f.ruleId }),
    can(viewer, "risk.accept", { repositoryId: f.attributedRepositoryId }),
    can(viewer, "findings.triage", { repositoryId: f.attributedRepositoryId }),
    findingTriage(f.id, f.attributedRepositoryId),
  ]);
  return (
    <>
      <PageHeader title={f.title} description={<><SeverityBadge severity={f.severity} /> <span className="capitalize">{f.state}</span> · {f.source} {f.kind} · rule <span className="font-mono">{f.ruleId}</span></>} />
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-muted">Repository</dt>
        <dd>{f.repository ? <Link href={`/repos/${f.repository.id}`} className={inlineLinkClass}>{f.repository.fullName}</Link> : "—"}</dd>
        <dt className="text-muted">Location</dt>
        <dd className="font-mono">{f.locationPath ? `${f.locationPath}${f.locationLine ? `:${f.locationLine}` : ""}` : "—"}</dd>
        <dt className="text-muted">First seen</dt>
        <dd><DateTime value={f.firstSeenAt} /></dd>
        {f.sourceSeverity ? (<><dt className="text-muted">Source severity</dt><dd>{f.sourceSeverity}</dd></>) : null}
        {f.cveId ? (<><dt className="text-muted">CVE</dt><dd className="font-mono">{f.cveId}</dd></>) : null}
        {f.dismissedReason ? (<><dt className="text-muted">Dismissed because</dt><dd>{f.dismissedReason}</dd></>) : null}
        {f.url ? (<><dt className="text-muted">Source</dt><dd><a href={f.url} className={inlineLinkClass} rel="noreferrer">Open on the source</a></dd></>) : null}
      </dl>
      {canTriage ? (
        <section aria-labelledby="triage-heading" className="mt-8">
          <h2 id="triage-heading" className="mb-2 text-xl font-semibold text-ink">Owner and work item</h2>
          <TriagePanel findingId={f.id} csrfToken={viewer.csrfToken} {...triage} />
        </section>
      ) : null}
      <section aria-labelledby="risk-heading" className="mt-8">
        <h2 id="risk-heading" className="mb-2 text-xl font-semibold text-ink">Risk acceptance</h2>
        <RiskAcceptancePanel
          findingId={f.id}
          acceptances={acceptances.map((a) => ({ ...a, expiresAt: a.expiresAt.toISOString() }))}
          canAccept={canAccept}
          csrfToken={viewer.csrfToken}
          defaultExpiry={defaultExpiry(30)}
        />
      </section>
      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="mb-2 text-xl font-semibold text-ink">History</h2>
        <ol className="space-y-1 text-sm">
          {f.events.map((e, i) => (
            <li key={i}>
              <DateTime value={e.occurredAt} /> — {e.type.replace(/_/g, " ")}: {e.fromState ? `${e.fromState} → ` : ""}{e.toState}
              {e.actor ? ` by ${e.actor}` : ""}{e.reason ? ` (${e.reason})` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
