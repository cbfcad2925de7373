// OSCAL 1.1 plan-of-action-and-milestones from a report's open findings. Each finding becomes an
// observation (what the source reported), a risk whose deadline is the SLA due date, with a
// planned remediation whose milestone falls on that date, and a poam-item tying them together.
import type { FindingRow, PostureReport } from "./model";
import { slaStatus } from "./findings-summary";
import { metadata, nonEmpty, prop, scopeKey, scopeResource } from "./oscal-common";
import { uuidV5 } from "./uuid";

function findingParts(report: PostureReport, f: FindingRow, subjectUuid: string) {
  // Per finding, stable across revisions: the same finding keeps its POA&M item.
  const base = `${scopeKey(report.scope)}|finding|${f.id}`;
  const ids = { observation: uuidV5(`poam-observation|${base}`), risk: uuidV5(`poam-risk|${base}`), item: uuidV5(`poam-item|${base}`) };
  const sla = slaStatus(f.dueAt, report.asOf);
  const where = f.repository ? ` in ${f.repository}` : "";
  const props = [prop("finding-id", f.id), prop("severity", f.severity), prop("stage", f.stage), prop("sla-status", sla), ...(f.repository ? [prop("repository", f.repository)] : [])];

  const observation = {
    uuid: ids.observation,
    title: f.title,
    description: `Open ${f.severity} finding ${f.id}${where}, first seen ${f.firstSeenAt}.`,
    props,
    methods: ["TEST"],
    types: ["finding"],
    subjects: [{ "subject-uuid": subjectUuid, type: "resource" }],
    ...(f.url ? { "relevant-evidence": [{ href: f.url, description: "The finding at its source." }] } : {}),
    collected: f.firstSeenAt,
  };
  const risk = {
    uuid: ids.risk,
    title: f.title,
    description: `${f.severity} finding${where} open at ${report.asOf}.`,
    statement: `Left open, this ${f.severity} weakness${where} stays exploitable${f.dueAt ? `; the SLA requires remediation by ${f.dueAt}` : ""}.`,
    props,
    status: "open",
    ...(f.dueAt
      ? {
          deadline: f.dueAt,
          remediations: [
            {
              uuid: uuidV5(`poam-remediation|${base}`),
              lifecycle: "planned",
              title: "Remediate within the SLA",
              description: `Fix or dismiss finding ${f.id} by its ${f.severity} SLA due date.`,
              tasks: [{ uuid: uuidV5(`poam-milestone|${base}`), type: "milestone", title: "SLA due date", timing: { "on-date": { date: f.dueAt } } }],
            },
          ],
        }
      : {}),
    "related-observations": [{ "observation-uuid": ids.observation }],
  };
  const item = {
    uuid: ids.item,
    title: f.title,
    description: `Remediate ${f.severity} finding ${f.id}${where}${f.dueAt ? ` by ${f.dueAt}` : ""}.`,
    props,
    "related-observations": [{ "observation-uuid": ids.observation }],
    "related-risks": [{ "risk-uuid": ids.risk }],
  };
  return { observation, risk, item };
}

/** The OSCAL `plan-of-action-and-milestones` object (wrapped in its root key) for the report's open findings. */
export function buildPoam(report: PostureReport) {
  const resource = scopeResource(report.scope);
  const open = (report.findings ?? []).filter((f) => f.state === "open");
  const parts = open.map((f) => findingParts(report, f, resource.uuid));
  return {
    "plan-of-action-and-milestones": {
      uuid: uuidV5(`poam|${scopeKey(report.scope)}|${report.asOf}`),
      metadata: metadata({ title: `Rampart plan of action and milestones — ${report.scope.name}`, generatedAt: report.generatedAt, asOf: report.asOf, scope: report.scope, viewer: report.viewer }),
      // Rampart has no SSP to import; the assessed scope stands for the system.
      "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", id: uuidV5(`system|${scopeKey(report.scope)}`) },
      observations: nonEmpty(parts.map((p) => p.observation)),
      risks: nonEmpty(parts.map((p) => p.risk)),
      // poam-items is required; with nothing open the plan says so in one item rather than being invalid.
      "poam-items": parts.length
        ? parts.map((p) => p.item)
        : [{ uuid: uuidV5(`poam-item|${scopeKey(report.scope)}|none`), title: "No open findings", description: `No open findings in ${report.scope.name} at ${report.asOf}.` }],
      "back-matter": { resources: [resource] },
    },
  };
}
