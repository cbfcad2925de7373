// Severity as a word on a coloured chip (the word carries the meaning; colour only helps).
const STYLES: Record<string, string> = {
  critical: "bg-severity-critical-bg text-severity-critical",
  high: "bg-severity-high-bg text-severity-high",
  medium: "bg-severity-medium-bg text-severity-medium",
  low: "bg-severity-low-bg text-severity-low",
  info: "bg-severity-info-bg text-severity-info",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold capitalize ${STYLES[severity] ?? STYLES.info}`}>{severity}</span>;
}
