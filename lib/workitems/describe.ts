// What a work item says about a finding or a failing control: title, labels and a body with
// what, where, why it matters, how to fix and the link back to Rampart. Built once as sections
// and rendered to Markdown (GitHub issues) or HTML (Azure Boards fields), so both say the same.

export interface FindingSubject {
  id: string;
  title: string;
  severity: string;
  state: string;
  stage: string;
  kind: string;
  source: string;
  ruleId: string;
  ruleName: string | null;
  locationPath: string | null;
  locationLine: number | null;
  url: string | null;
  cveId: string | null;
  details: Record<string, unknown>;
  firstSeenAt: Date;
  repository: { fullName: string; url: string | null; defaultBranch: string | null; source: string } | null;
}

export interface ControlSubject {
  controlId: string;
  title: string;
  stage: string;
  rule: string;
  remediation: string;
  status: string;
  evidence: Record<string, unknown>;
  repository: { id: string; fullName: string; url: string | null };
}

type Inline = string | { text: string; href: string };
interface Section {
  heading: string;
  lines: Inline[][];
}

export interface WorkItemContent {
  title: string;
  labels: string[];
  sections: Section[];
  /** Where Rampart shows the subject (absolute when RAMPART_ORIGIN is set). */
  rampartUrl: string;
}

const STAGE_NAMES: Record<string, string> = { pre_commit: "pre-commit", ci: "CI", cd: "CD", operate: "operate" };
const SEVERITY_WHY: Record<string, string> = {
  critical: "Critical: exploitable with severe impact; fix first.",
  high: "High: likely exploitable; fix within the high-severity SLA.",
  medium: "Medium: fix in the normal course of work.",
  low: "Low: fix when convenient.",
  info: "Informational.",
};
/** Azure Boards and GitHub both cap titles at 255-256 characters. */
const MAX_TITLE = 250;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const str = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function rampartLink(origin: string | undefined, path: string): string {
  return origin ? `${origin.replace(/\/+$/, "")}${path}` : path;
}

/** The file at the finding's line in the source's web UI, when the repository is on GitHub. */
function sourceFileLink(subject: FindingSubject): string | null {
  const repo = subject.repository;
  if (!repo?.url || !subject.locationPath || repo.source !== "github") return null;
  const ref = str(subject.details.ref)?.replace(/^refs\/heads\//, "") ?? repo.defaultBranch ?? "HEAD";
  const path = subject.locationPath.split("/").map(encodeURIComponent).join("/");
  return `${repo.url.replace(/\/+$/, "")}/blob/${encodeURIComponent(ref)}/${path}${subject.locationLine ? `#L${subject.locationLine}` : ""}`;
}

/** How to fix, from what the source told us: remediation text, a patched version, rotation for secrets. */
function fixLines(subject: FindingSubject): Inline[][] {
  const d = subject.details;
  const lines: Inline[][] = [];
  const remediation = str(d.remediation) ?? str(d.help) ?? str(d.recommendation);
  if (remediation) lines.push([remediation]);
  const pkg = d.package as { name?: unknown; ecosystem?: unknown } | null | undefined;
  const patched = str(d.firstPatchedVersion);
  if (pkg && typeof pkg.name === "string") {
    lines.push([patched ? `Upgrade ${pkg.name} (${String(pkg.ecosystem ?? "")}) to ${patched} or later.` : `No patched version of ${pkg.name} is published yet: remove or replace the dependency, or mitigate.`]);
  }
  if (subject.kind === "secret") lines.push(["Revoke and rotate the secret at its provider first, then remove it from the code and its history."]);
  const cwes = Array.isArray(d.cwes) ? d.cwes.filter((c): c is string => typeof c === "string") : [];
  if (cwes.length > 0) lines.push(["Weakness: ", ...cwes.flatMap((c, i) => [...(i ? [", "] : []), { text: c, href: `https://cwe.mitre.org/data/definitions/${c.replace(/^CWE-/i, "")}.html` }])]);
  if (subject.url) lines.push(["The source's guidance: ", { text: "alert details", href: subject.url }]);
  if (lines.length === 0) lines.push([`Follow the guidance of rule ${subject.ruleId}.`]);
  return lines;
}

/** Title, labels and sections for a work item about one finding. */
export function describeFinding(subject: FindingSubject, origin: string | undefined): WorkItemContent {
  const rampartUrl = rampartLink(origin, `/findings/${subject.id}`);
  const where = subject.locationPath ? `${subject.locationPath}${subject.locationLine ? `:${subject.locationLine}` : ""}` : null;
  const fileLink = sourceFileLink(subject);
  const whereLines: Inline[][] = [];
  if (subject.repository) whereLines.push(["Repository: ", subject.repository.url ? { text: subject.repository.fullName, href: subject.repository.url } : subject.repository.fullName]);
  if (where) whereLines.push(["Location: ", fileLink ? { text: where, href: fileLink } : where]);
  if (subject.url) whereLines.push(["Source alert: ", { text: subject.url, href: subject.url }]);
  if (whereLines.length === 0) whereLines.push(["No location reported by the source."]);
  const rule = subject.ruleName && subject.ruleName !== subject.ruleId ? `${subject.ruleName} (${subject.ruleId})` : subject.ruleId;
  return {
    title: truncate(`[${capitalised(subject.severity)}] ${subject.title}${subject.repository ? ` in ${subject.repository.fullName}` : ""}`, MAX_TITLE),
    labels: ["security", "rampart", `severity:${subject.severity}`],
    rampartUrl,
    sections: [
      { heading: "What", lines: [[subject.title], [`Rule: ${rule} · ${subject.kind.replace(/_/g, " ")} finding from ${subject.source.replace(/_/g, " ")}${subject.cveId ? ` · ${subject.cveId}` : ""}`]] },
      { heading: "Where", lines: whereLines },
      {
        heading: "Why it matters",
        lines: [[SEVERITY_WHY[subject.severity] ?? capitalised(subject.severity)], [`Lifecycle stage: ${STAGE_NAMES[subject.stage] ?? subject.stage}. Open since ${subject.firstSeenAt.toISOString().slice(0, 10)}.`]],
      },
      { heading: "How to fix", lines: fixLines(subject) },
      { heading: "Tracked in Rampart", lines: [[{ text: `Finding ${subject.id}`, href: rampartUrl }, " — this item is closed automatically when the source reports the finding fixed."]] },
    ],
  };
}

/** Title, labels and sections for a work item about a failing control on a repository. */
export function describeControl(subject: ControlSubject, origin: string | undefined): WorkItemContent {
  const rampartUrl = rampartLink(origin, `/repos/${subject.repository.id}`);
  const evidence = Object.entries(subject.evidence)
    .slice(0, 12)
    .map(([key, value]): Inline[] => [`${key}: ${truncate(typeof value === "string" ? value : JSON.stringify(value), 200)}`]);
  return {
    title: truncate(`[Control failing] ${subject.title} in ${subject.repository.fullName}`, MAX_TITLE),
    labels: ["security", "rampart", "posture-control"],
    rampartUrl,
    sections: [
      { heading: "What", lines: [[`Control ${subject.controlId}: ${subject.title} is ${subject.status}.`], [`Expected: ${subject.rule}`]] },
      { heading: "Where", lines: [["Repository: ", subject.repository.url ? { text: subject.repository.fullName, href: subject.repository.url } : subject.repository.fullName]] },
      { heading: "Why it matters", lines: [[`It lowers the repository's ${STAGE_NAMES[subject.stage] ?? subject.stage} score.`], ...evidence] },
      { heading: "How to fix", lines: [[subject.remediation]] },
      { heading: "Tracked in Rampart", lines: [[{ text: subject.repository.fullName, href: rampartUrl }]] },
    ],
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// Markdown specials that could turn a finding's text into links, images or HTML in an issue.
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>!|])/g, "\\$1");

export function toMarkdown(content: WorkItemContent): string {
  const line = (parts: Inline[]) => parts.map((p) => (typeof p === "string" ? escapeMarkdown(p) : `[${escapeMarkdown(p.text)}](${p.href.replace(/[()\s]/g, encodeURIComponent)})`)).join("");
  return content.sections.map((s) => `### ${s.heading}\n\n${s.lines.map((l) => `- ${line(l)}`).join("\n")}`).join("\n\n");
}

export function toHtml(content: WorkItemContent): string {
  const line = (parts: Inline[]) => parts.map((p) => (typeof p === "string" ? escapeHtml(p) : `<a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a>`)).join("");
  return content.sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${line(l)}</li>`).join("")}</ul>`).join("");
}
