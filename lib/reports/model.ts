// What a report holds, independent of where it came from and how it is rendered. The scoring
// engine (lib/scoring) and lib/data fill these; the renderers in this folder (JSON, OSCAL, PDF)
// only read them. Plain data only — ISO strings rather than Dates — so a report can be stored,
// sent to the worker queue, and rendered twice with byte-identical output.

export const STAGES = ["pre_commit", "ci", "cd", "operate"] as const;
export type Stage = (typeof STAGES)[number];

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A control's outcome. `accepted` is a failing control covered by a risk acceptance in force. */
export const CONTROL_STATUSES = ["pass", "fail", "partial", "unknown", "accepted"] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export type ScopeKind = "enterprise" | "org" | "team" | "repo";

export interface ReportScope {
  kind: ScopeKind;
  /** Organization login, team slug, `owner/name`, or the enterprise slug. */
  id: string;
  name: string;
}

export interface ReportViewer {
  /** The Entra user principal name of whoever asked for the report (or the CLI operator). */
  upn: string;
  roles: string[];
}

/** An ISO 8601 instant, e.g. `2025-09-30T23:59:59.999Z`. */
export type IsoDateTime = string;
/** An ISO calendar day, e.g. `2025-09-30`. */
export type IsoDate = string;

export interface StageScore {
  stage: Stage;
  /** 0..100; null when no control of the stage had evidence (unknown is never a silent pass). */
  score: number | null;
  trend: { day: IsoDate; score: number | null }[];
}

export interface FrameworkMappings {
  /** NIST SP 800-218 task ids, e.g. `PS.1.1`. */
  ssdf: string[];
  /** OpenSSF Scorecard check names, e.g. `Branch-Protection`. */
  scorecard: string[];
  /** OWASP DSOMM activity names. */
  dsomm: string[];
}

export interface ControlReport {
  id: string;
  title: string;
  stage: Stage;
  status: ControlStatus;
  /** 0..1 (1 pass, 0 fail, between for partial); null when unknown. */
  score: number | null;
  /** What decided the result: settings, counts, ids of findings or audit events. */
  evidence: Record<string, unknown>;
  remediation: string;
  mappings: FrameworkMappings;
  /** When the result shown was evaluated. */
  evaluatedAt?: IsoDateTime;
  /** Ids of open findings behind a failure, for evidence packs and OSCAL. */
  failingFindingIds?: string[];
}

/** Whether an open finding is inside its SLA, close to the due date, or past it. */
export type SlaStatus = "within" | "due_soon" | "breached";

export interface OpenFindingsCell {
  severity: Severity;
  stage: Stage;
  open: number;
  within: number;
  dueSoon: number;
  breached: number;
}

export interface MttrRow {
  severity: Severity;
  /** Mean hours from first seen to fixed for findings closed in the period; null if none. */
  meanHours: number | null;
  closedCount: number;
  /** The SLA target in hours, for comparison. */
  slaHours: number | null;
}

export interface RiskAcceptanceRow {
  id: string;
  /** What was accepted: a finding, a rule in a repository, or a control. */
  subject: string;
  reason: string;
  acceptedBy: string;
  approvedAt: IsoDateTime | null;
  expiresAt: IsoDateTime;
}

export interface SyncCoverageRow {
  /** `github`, `defender`, `azure-devops`. */
  source: string;
  /** e.g. `code-scanning`, `dependabot`, `assessments`, `audit-log`. */
  stream: string;
  /** Last successful sync at or before the as-of instant; null if never. */
  lastSuccessAt: IsoDateTime | null;
}

export interface FindingRow {
  id: string;
  title: string;
  severity: Severity;
  state: "open" | "fixed" | "dismissed" | "resolved";
  stage: Stage;
  repository: string | null;
  firstSeenAt: IsoDateTime;
  /** First seen + the SLA for its severity. */
  dueAt: IsoDateTime | null;
  url: string | null;
}

export interface PostureReport {
  scope: ReportScope;
  /** The instant the report describes: everything is as it was then. */
  asOf: IsoDateTime;
  period: { from: IsoDateTime; to: IsoDateTime };
  generatedAt: IsoDateTime;
  viewer: ReportViewer;
  stageScores: StageScore[];
  controls: ControlReport[];
  openFindings: OpenFindingsCell[];
  mttr: MttrRow[];
  riskAcceptances: { inForce: RiskAcceptanceRow[]; expired: RiskAcceptanceRow[] };
  syncCoverage: SyncCoverageRow[];
  /** Open findings one by one; needed for the POA&M, optional elsewhere. */
  findings?: FindingRow[];
}

export type Framework = "ssdf" | "scorecard";

export interface EvidenceControl {
  id: string;
  title: string;
  status: ControlStatus;
  /** Open findings behind a failure (ids resolved against report.findings where present). */
  findings: FindingRow[];
  /** Ids of failing findings the report did not carry one by one. */
  unresolvedFindingIds: string[];
}

export interface EvidenceRequirement {
  id: string;
  title: string;
  /** The SSDF practice a task belongs to; absent for Scorecard checks. */
  group?: string;
  /** Worst status among its controls; `unknown` when no control gives evidence. */
  status: ControlStatus;
  controls: EvidenceControl[];
}

export interface EvidencePack {
  framework: Framework;
  scope: ReportScope;
  asOf: IsoDateTime;
  period: { from: IsoDateTime; to: IsoDateTime };
  generatedAt: IsoDateTime;
  viewer: ReportViewer;
  requirements: EvidenceRequirement[];
}
