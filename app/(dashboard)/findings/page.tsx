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
import { FindingFilters, findingFilterChoices, listFindings } from "@/lib/data/findings";
import { FINDING_KINDS, FINDING_STATES, SEVERITIES, SOURCES, STAGES } from "@/lib/ingest/normalized-finding";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

const LABELS: Record<string, string> = { pre_commit: "Pre-commit", ci: "CI", cd: "CD", operate: "Operate", azure_devops: "Azure DevOps", azure_policy: "Azure Policy", cloud_recommendation: "cloud recommendation", cloud_alert: "cloud alert" };

function Select({ name, label, options, value }: { name: string; label: string; options: readonly (string | { value: string; label: string })[]; value?: string }) {
  return (
    <label className="flex flex-col text-xs font-medium text-muted">
      {label}
      <select name={name} defaultValue={value ?? ""} className="mt-1 rounded-md border border-line bg-surface px-2 py-1.5 text-sm text-ink">
        <option value="">Any</option>
        {options.map((o) => {
          const option = typeof o === "string" ? { value: o, label: LABELS[o] ?? o.replace(/_/g, " ") } : o;
          return (
            <option key={option.value} value={option.value}>{option.label}</option>
          );
        })}
      </select>
    </label>
  );
}

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("findings.read");
  const params = await searchParams;
  const raw = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v !== ""));
  // Open findings unless the person chose a state (an empty choice means any state).
  const parsed = FindingFilters.safeParse({ ...("state" in params ? {} : { state: "open" }), ...raw });
  const filters = parsed.success ? parsed.data : { state: "open" as const };
  const [result, choices] = await Promise.all([
    listFindings(viewer, filters).catch((error: unknown) => {
      console.error("[findings] could not list findings", error);
      return null;
    }),
    findingFilterChoices(viewer).catch(() => ({ organizations: [], teams: [] })),
  ]);
  const { before: _cursor, ...exportFilters } = raw as Record<string, string>;
  const exportHref = `/api/exports/findings?${new URLSearchParams({ ...(filters.state ? { state: filters.state } : {}), ...exportFilters, bom: "1" })}`;
  const nextHref = result?.next ? `/findings?${new URLSearchParams({ ...(raw as Record<string, string>), before: result.next })}` : null;
  return (
    <>
      <PageHeader title="Findings" description="Alerts and recommendations from every connected source, newest first." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter findings">
        <Select name="state" label="State" options={FINDING_STATES} value={filters.state} />
        <Select name="severity" label="Severity" options={SEVERITIES} value={filters.severity} />
        <Select name="stage" label="Stage" options={STAGES} value={filters.stage} />
        <Select name="source" label="Source" options={SOURCES} value={filters.source} />
        <Select name="kind" label="Kind" options={FINDING_KINDS} value={filters.kind} />
        <Select name="organization" label="Organization" options={choices.organizations.map((o) => ({ value: o.id, label: o.login }))} value={filters.organization} />
        <Select name="team" label="Team" options={choices.teams.map((t) => ({ value: t.id, label: `${t.organization} / ${t.name}` }))} value={filters.team} />
        <Select name="olderThanDays" label="Open longer than" options={[{ value: "7", label: "7 days" }, { value: "30", label: "30 days" }, { value: "90", label: "90 days" }, { value: "180", label: "180 days" }]} value={filters.olderThanDays?.toString()} />
        <label className="flex flex-col text-xs font-medium text-muted">
          Title, rule or path contains
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
          <p className="mt-3 flex gap-6 text-sm">
            {nextHref ? <Link href={nextHref} className={inlineLinkClass}>Older findings →</Link> : null}
            <a href={exportHref} className={inlineLinkClass} download>Export these findings (CSV)</a>
          </p>
        </>
      )}
    </>
  );
}
