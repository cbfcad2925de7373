// Findings: normalized alerts and recommendations from every connected source that the viewer
// may see, newest first, filtered by state, severity, stage and text.
import type { Metadata } from "next";
import Link from "next/link";
import { FindingTable } from "@/components/findings/finding-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorPanel } from "@/components/ui/error-panel";
import { inlineLinkClass } from "@/components/ui/link-styles";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page";
import { FindingFilters, listFindings } from "@/lib/data/findings";
import { FINDING_STATES, SEVERITIES, STAGES } from "@/lib/ingest/normalized-finding";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

const STAGE_LABELS: Record<string, string> = { pre_commit: "Pre-commit", ci: "CI", cd: "CD", operate: "Operate" };

function Select({ name, label, options, value }: { name: string; label: string; options: readonly string[]; value?: string }) {
  return (
    <label className="flex flex-col text-xs font-medium text-muted">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-1 rounded-md border border-line bg-surface px-2 py-1.5 text-sm text-ink">
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>{STAGE_LABELS[o] ?? o}</option>
        ))}
      </select>
    </label>
  );
}

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("findings.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = FindingFilters.safeParse({ state: "open", ...raw });
  const filters = parsed.success ? parsed.data : { state: "open" as const };
  const result = await listFindings(viewer, filters).catch((error: unknown) => {
    console.error("[findings] could not list findings", error);
    return null;
  });
  const nextHref = result?.next ? `/findings?${new URLSearchParams({ ...(raw as Record<string, string>), before: result.next })}` : null;
  return (
    <>
      <PageHeader title="Findings" description="Alerts and recommendations from every connected source, newest first." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter findings">
        <Select name="state" label="State" options={FINDING_STATES} value={filters.state} />
        <Select name="severity" label="Severity" options={SEVERITIES} value={filters.severity} />
        <Select name="stage" label="Stage" options={STAGES} value={filters.stage} />
        <label className="flex flex-col text-xs font-medium text-muted">
          Title contains
          <input name="search" defaultValue={filters.search ?? ""} className="mt-1 rounded-md border border-line px-2 py-1.5 text-sm text-ink" />
        </label>
        {filters.repository ? <input type="hidden" name="repository" value={filters.repository} /> : null}
        <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:border-accent">Apply</button>
      </form>
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-severity-critical">Some filters were not valid and were ignored.</p> : null}
      {result === null ? (
        <ErrorPanel />
      ) : result.rows.length === 0 ? (
        <EmptyState
          title="No findings match"
          body={<p>Nothing matches these filters in the repositories you can see. Findings appear once a connected source has synced.</p>}
        />
      ) : (
        <>
          <FindingTable rows={result.rows} caption="Findings" />
          {nextHref ? (
            <p className="mt-3 text-sm">
              <Link href={nextHref} className={inlineLinkClass}>Older findings →</Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
