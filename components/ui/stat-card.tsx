const numberFormat = new Intl.NumberFormat("en");

interface StatCardProps {
  label: string;
  value: number;
}

// One headline count; render inside a <dl> so label and value stay paired for screen readers.
export function StatCard({ label, value }: StatCardProps) {
  return (
    <div className="rounded-lg border border-line bg-surface p-4">
      <dt className="text-sm font-medium text-muted">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tabular-nums text-ink">{numberFormat.format(value)}</dd>
    </div>
  );
}
