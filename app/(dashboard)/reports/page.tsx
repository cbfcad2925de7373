// Reports: compliance documents for any scope the viewer may see, as of any date — a posture
// report or a framework evidence pack (NIST SSDF, OpenSSF Scorecard) as PDF, JSON or OSCAL — and
// the findings export. The form is a plain GET to /api/reports, so the browser downloads the file.
import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/policy";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { reportScopeOptions } from "@/lib/data/report-scopes";
import { loadInventory } from "../load-inventory";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reports" };

const field = "mt-1 block w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm text-ink";

/** Today as yyyy-mm-dd (UTC), the latest "as of" date. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export default async function ReportsPage() {
  const viewer = await requirePermission("reports.read");
  const [result, scopes] = await Promise.all([loadInventory(viewer, "reports"), reportScopeOptions(viewer).catch(() => null)]);
  if (!result.ok || !scopes) {
    return (
      <>
        <PageHeader title="Reports" />
        <ErrorPanel />
      </>
    );
  }
  const max = today();
  return (
    <>
      <PageHeader title="Reports" description="Compliance reports for any scope, as of any date: PDF to read, JSON and OSCAL for GRC tools, CSV for spreadsheets." />
      {result.summary.repositories === 0 ? (
        <EmptyState
          title="No reports available yet"
          body={<p>Reports become available once a source is connected and synced, and its first sync scored.</p>}
          action={result.summary.connections === 0 ? { href: "/admin", label: "Go to Admin" } : undefined}
        />
      ) : (
        <>
          <form method="get" action="/api/reports" className="grid gap-4 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2" aria-labelledby="report-form-heading">
            <h2 id="report-form-heading" className="text-lg font-semibold text-ink sm:col-span-2">Generate a report</h2>
            <label className="text-sm">
              Report
              <select name="kind" className={field} defaultValue="posture">
                <option value="posture">Posture report (scores, controls, findings, SLAs, MTTR)</option>
                <option value="evidence">Framework evidence pack</option>
              </select>
            </label>
            <label className="text-sm">
              Framework (evidence packs, OSCAL)
              <select name="framework" className={field} defaultValue="ssdf">
                <option value="ssdf">NIST SSDF (SP 800-218)</option>
                <option value="scorecard">OpenSSF Scorecard</option>
              </select>
            </label>
            <label className="text-sm">
              Scope
              <select name="scope" className={field} defaultValue="enterprise">
                {scopes.groups.map((g) => (
                  <optgroup key={g.label} label={g.label}>
                    {g.options.map((o) => (
                      <option key={o.value} value={o.value}>{o.label}</option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label className="text-sm">
              Format
              <select name="format" className={field} defaultValue="pdf">
                <option value="pdf">PDF</option>
                <option value="json">JSON (documented by a JSON Schema)</option>
                <option value="oscal-ar">OSCAL 1.1 assessment results</option>
                <option value="oscal-poam">OSCAL 1.1 plan of action and milestones (open findings)</option>
              </select>
            </label>
            <label className="text-sm">
              As of (end of day, UTC)
              <input type="date" name="asOf" max={max} defaultValue={max} className={field} />
            </label>
            <p className="self-end">
              <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong">Download report</button>
            </p>
          </form>
          {hasPermission(viewer, "findings.read") ? (
            <p className="mt-6 text-sm">
              Every finding you can see, with the explorer&apos;s filters, as CSV: use “Export these findings” on the{" "}
              <Link href="/findings" className={inlineLinkClass}>Findings</Link> page.
            </p>
          ) : null}
          <p className="mt-2 text-sm text-muted">Every report you download is recorded in the audit trail with its scope, date and format.</p>
        </>
      )}
    </>
  );
}
