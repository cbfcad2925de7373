// Evidence is arbitrary JSON; a table cell has room for a few lines. The excerpt keeps keys in
// a stable order and cuts at a character budget with an ellipsis, so readers know it is partial
// (the JSON and OSCAL exports carry it whole).
import { canonicalJson } from "./canonical-json";

/** A short, single-line rendering of a control's evidence. */
export function evidenceExcerpt(evidence: Record<string, unknown>, budget = 160): string {
  const text = canonicalJson(evidence)
    .replace(/^\{|\}$/g, "")
    .replace(/"([^"]+)":/g, "$1: ")
    .replace(/,(?=\S)/g, ", ");
  if (text.length === 0) return "(no evidence recorded)";
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}
