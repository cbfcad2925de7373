// OSCAL 1.1 assessment-results from a posture report. One result per document (the state at
// asOf). Each Rampart control becomes an observation carrying its evidence; findings then
// state, per reviewed control, whether it was satisfied. Reviewed controls are either Rampart's
// own catalog (posture report) or a framework's requirements (SSDF tasks / Scorecard checks,
// i.e. an evidence pack), whose findings point at the observations of the controls mapped to them.
import { buildEvidencePack } from "./evidence-pack";
import type { ControlReport, ControlStatus, FindingRow, Framework, PostureReport } from "./model";
import { canonicalJson } from "./canonical-json";
import { metadata, nonEmpty, oscalToken, prop, scopeKey, scopeResource } from "./oscal-common";
import { uuidV5 } from "./uuid";

const FRAMEWORK_INFO: Record<Framework, { title: string; href: string }> = {
  ssdf: { title: "NIST SP 800-218 Secure Software Development Framework (SSDF) 1.1", href: "https://csrc.nist.gov/pubs/sp/800/218/final" },
  scorecard: { title: "OpenSSF Scorecard checks", href: "https://github.com/ossf/scorecard/blob/main/docs/checks.md" },
};

function targetStatus(status: ControlStatus) {
  // OSCAL knows satisfied / not-satisfied. A failure under an accepted risk is still not
  // satisfied; missing evidence is "other", never a pass.
  if (status === "pass") return { state: "satisfied", reason: "pass" };
  if (status === "fail" || status === "partial") return { state: "not-satisfied", reason: "fail" };
  return { state: "not-satisfied", reason: "other", remarks: status === "accepted" ? "Failing, under a risk acceptance in force at the as-of date." : "No evidence was available at the as-of date." };
}

function observationUuid(report: PostureReport, control: ControlReport): string {
  // Observations are time-bound: a new as-of date is a new observation.
  return uuidV5(`observation|${scopeKey(report.scope)}|${control.id}|${report.asOf}`);
}

function observation(report: PostureReport, control: ControlReport, findingsById: Map<string, FindingRow>, subjectUuid: string) {
  const failing = (control.failingFindingIds ?? []).flatMap((id) => findingsById.get(id) ?? []);
  return {
    uuid: observationUuid(report, control),
    title: control.title,
    description: `Rampart control ${control.id} (${control.stage} stage) evaluated as ${control.status}.`,
    props: [
      prop("control-id", control.id),
      prop("stage", control.stage),
      prop("status", control.status),
      prop("score", control.score),
      ...control.mappings.ssdf.map((id) => prop("ssdf-task", id)),
      ...control.mappings.scorecard.map((id) => prop("scorecard-check", id)),
      ...control.mappings.dsomm.map((id) => prop("dsomm-activity", id)),
    ],
    methods: ["TEST"],
    types: ["control-objective"],
    subjects: [{ "subject-uuid": subjectUuid, type: "resource", title: `${report.scope.kind} ${report.scope.name}` }],
    "relevant-evidence": [
      { description: "Evidence recorded by Rampart when the control was evaluated (JSON).", remarks: canonicalJson(control.evidence) },
      ...failing.map((f) => ({
        ...(f.url ? { href: f.url } : {}),
        description: `Open ${f.severity} finding ${f.id}: ${f.title}`,
        props: [prop("finding-id", f.id), prop("severity", f.severity)],
      })),
    ],
    collected: control.evaluatedAt ?? report.asOf,
    ...(control.remediation ? { remarks: `Remediation: ${control.remediation}` } : {}),
  };
}

/** The OSCAL `assessment-results` object (wrapped in its root key) for a report, optionally framed by a framework. */
export function buildAssessmentResults(report: PostureReport, options: { framework?: Framework } = {}) {
  const { framework } = options;
  const key = `${scopeKey(report.scope)}|${framework ?? "rampart"}|${report.asOf}`;
  const resource = scopeResource(report.scope);
  const apResource = {
    uuid: uuidV5(`assessment-plan|${scopeKey(report.scope)}|${framework ?? "rampart"}`),
    title: "Rampart continuous assessment plan",
    description: "Rampart assesses every catalog control continuously from GitHub, Defender for Cloud and Azure DevOps data; there is no separate assessment-plan document.",
  };
  const findingsById = new Map((report.findings ?? []).map((f) => [f.id, f]));
  const observations = report.controls.map((c) => observation(report, c, findingsById, resource.uuid));
  const obsByControl = new Map(report.controls.map((c, i) => [c.id, observations[i]!.uuid]));

  const reviewed = framework
    ? buildEvidencePack(report, framework).requirements.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        description: r.controls.length
          ? `${r.id} ${r.title}: ${r.controls.map((c) => `${c.id} ${c.status}`).join(", ")}.`
          : `${r.id} ${r.title}: no Rampart control gives evidence for this requirement.`,
        observations: r.controls.map((c) => obsByControl.get(c.id)!),
      }))
    : report.controls.map((c) => ({ id: c.id, title: c.title, status: c.status, description: `${c.title}: ${c.status}.`, observations: [obsByControl.get(c.id)!] }));

  const findings = reviewed.map((r) => ({
    // Per subject and control, stable across report dates as OSCAL asks.
    uuid: uuidV5(`finding|${scopeKey(report.scope)}|${framework ?? "rampart"}|${r.id}`),
    title: `${r.id} ${r.title}`,
    description: r.description,
    props: [prop("status", r.status)],
    target: { type: "objective-id", "target-id": oscalToken(r.id), status: targetStatus(r.status) },
    "related-observations": nonEmpty(r.observations.map((u) => ({ "observation-uuid": u }))),
  }));

  const scoreProps = report.stageScores.map((s) => prop("stage-score", s.score, s.stage));
  const frameworkInfo = framework ? FRAMEWORK_INFO[framework] : null;
  return {
    "assessment-results": {
      uuid: uuidV5(`assessment-results|${key}`),
      metadata: metadata({
        title: `Rampart ${frameworkInfo ? `${frameworkInfo.title} evidence` : "posture assessment"} — ${report.scope.name}`,
        generatedAt: report.generatedAt,
        asOf: report.asOf,
        scope: report.scope,
        viewer: report.viewer,
        extraProps: framework ? [prop("framework", framework)] : [],
      }),
      "import-ap": { href: `#${apResource.uuid}`, remarks: apResource.description },
      results: [
        {
          uuid: uuidV5(`result|${key}`),
          title: `Posture of ${report.scope.name} as of ${report.asOf}`,
          description: `Automated assessment by Rampart of the ${report.scope.kind} ${report.scope.name}, reflecting data as it stood at ${report.asOf}.`,
          start: report.period.from,
          end: report.period.to,
          props: nonEmpty(scoreProps),
          "reviewed-controls": {
            "control-selections": [
              {
                description: frameworkInfo ? frameworkInfo.title : "Rampart control catalog",
                ...(frameworkInfo ? { links: [{ href: frameworkInfo.href, rel: "reference" }] } : {}),
                "include-controls": nonEmpty(reviewed.map((r) => ({ "control-id": oscalToken(r.id) }))),
              },
            ],
          },
          observations: nonEmpty(observations),
          findings: nonEmpty(findings),
        },
      ],
      "back-matter": { resources: [resource, apResource] },
    },
  };
}
