// Stage names as people read them, in lifecycle order.
export const STAGE_ORDER = ["pre_commit", "ci", "cd", "operate"] as const;
export type StageKey = (typeof STAGE_ORDER)[number];

export const STAGE_LABEL: Record<string, string> = { pre_commit: "Pre-commit", ci: "CI", cd: "CD", operate: "Operate", all: "Overall" };

/** A score's band, for colour and for the words next to it (colour is never the only signal). */
export function scoreBand(score: number | null): { label: string; className: string } {
  if (score === null) return { label: "Unknown", className: "text-muted" };
  if (score >= 80) return { label: "Good", className: "text-severity-low" };
  if (score >= 50) return { label: "Needs work", className: "text-severity-medium" };
  return { label: "Poor", className: "text-severity-critical" };
}
