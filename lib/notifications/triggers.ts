// The four triggers as pure functions: rows read by load-trigger-rows.ts in, events out. An
// event says what happened, where (for scope filters), how bad, and what to show; it knows
// nothing of rules or channels.
import type { Trigger } from "./rule-schema";

export type EventSeverity = "critical" | "high" | "medium" | "low" | "info";

export interface NotificationEvent {
  trigger: Trigger;
  /** What the event is about, stable across runs (finding, repository+control, scope+stage). */
  subject: string;
  occurredAt: Date;
  severity: EventSeverity;
  title: string;
  text: string;
  /** Path of the page in Rampart that shows the subject; the origin is added when sending. */
  path: string | null;
  /** The source's own page (the GitHub alert, the Defender recommendation). */
  sourceUrl: string | null;
  facts: Record<string, string>;
  /** Who the event belongs to, for a rule's team/organization scope. */
  scope: { level: "repository" | "team" | "organization"; organizationIds: string[]; teamIds: string[] };
  /** Trigger-specific values a rule's conditions filter on. */
  attributes: { kind?: string; controlId?: string; stage?: string; fromStatus?: string; drop?: number };
}

interface Placement {
  organization_id: string | null;
  repository_id: string | null;
  repository_full_name: string | null;
  team_ids: string[] | null;
}

function repositoryScope(row: Placement): NotificationEvent["scope"] {
  return { level: "repository", organizationIds: row.organization_id ? [row.organization_id] : [], teamIds: row.team_ids ?? [] };
}

const where = (row: Placement) => (row.repository_full_name ? ` in ${row.repository_full_name}` : "");

export interface CriticalFindingRow extends Placement {
  finding_id: string;
  event_type: string;
  occurred_at: Date;
  kind: string;
  title: string;
  rule_id: string;
  source: string;
  stage: string;
  url: string | null;
}

/** A finding became open and critical (opened, reopened, or raised to critical). */
export function criticalFindingEvent(row: CriticalFindingRow): NotificationEvent {
  const how = row.event_type === "reopened" ? "reopened" : row.event_type === "severity_changed" ? "raised to critical" : "opened";
  return {
    trigger: "critical_finding",
    subject: `finding:${row.finding_id}`,
    occurredAt: row.occurred_at,
    severity: "critical",
    title: `Critical ${row.kind.replaceAll("_", " ")} finding${where(row)}`,
    text: `${row.title} (${row.rule_id}) was ${how}.`,
    path: `/findings/${row.finding_id}`,
    sourceUrl: row.url,
    facts: compact({ Repository: row.repository_full_name, Source: row.source, Stage: row.stage, Rule: row.rule_id, Kind: row.kind }),
    scope: repositoryScope(row),
    attributes: { kind: row.kind, stage: row.stage },
  };
}

export interface SlaBreachRow extends Placement {
  finding_id: string;
  title: string;
  severity: Exclude<EventSeverity, "info">;
  kind: string;
  stage: string;
  url: string | null;
  opened_at: Date;
  sla_days: number;
  breach_at: Date;
}

/** An open finding passed the time its severity allows (opened + SLA days). */
export function slaBreachEvent(row: SlaBreachRow): NotificationEvent {
  return {
    trigger: "sla_breach",
    subject: `finding:${row.finding_id}`,
    occurredAt: row.breach_at,
    severity: row.severity,
    title: `SLA breached: ${row.severity} finding open for ${row.sla_days} days${where(row)}`,
    text: `${row.title} has been open since ${row.opened_at.toISOString().slice(0, 10)}; the ${row.severity} SLA is ${row.sla_days} days.`,
    path: `/findings/${row.finding_id}`,
    sourceUrl: row.url,
    facts: compact({ Repository: row.repository_full_name, Severity: row.severity, Opened: row.opened_at.toISOString().slice(0, 10), "SLA days": String(row.sla_days), Kind: row.kind }),
    scope: repositoryScope(row),
    attributes: { kind: row.kind, stage: row.stage },
  };
}

export interface ControlFlipRow extends Placement {
  repository_id: string;
  control_id: string;
  stage: string;
  from_status: string;
  evaluated_at: Date;
}

/** A control's current result for a repository changed to fail from a non-failing result. */
export function controlFailedEvent(row: ControlFlipRow): NotificationEvent {
  return {
    trigger: "control_failed",
    subject: `control:${row.repository_id}:${row.control_id}`,
    occurredAt: row.evaluated_at,
    severity: "high",
    title: `Control ${row.control_id} is now failing${where(row)}`,
    text: `${row.stage.replace("_", "-")} control ${row.control_id} changed from ${row.from_status} to fail.`,
    path: `/repos/${row.repository_id}`,
    sourceUrl: null,
    facts: compact({ Repository: row.repository_full_name, Control: row.control_id, Stage: row.stage, Was: row.from_status }),
    scope: repositoryScope(row),
    attributes: { controlId: row.control_id, stage: row.stage, fromStatus: row.from_status },
  };
}

export interface ScoreDropRow {
  scope: "team" | "organization";
  scope_id: string;
  scope_name: string;
  organization_id: string;
  stage: string;
  /** YYYY-MM-DD (UTC day of the rollup). */
  day: string;
  score: number;
  previous_score: number;
}

/** A team's or organization's stage score fell from one day's snapshot to the next. */
export function scoreDropEvent(row: ScoreDropRow): NotificationEvent {
  const drop = Math.round((row.previous_score - row.score) * 10) / 10;
  const stage = row.stage === "all" ? "overall" : row.stage.replace("_", "-");
  const day = row.day;
  return {
    trigger: "score_drop",
    subject: `score:${row.scope}:${row.scope_id}:${row.stage}`,
    occurredAt: new Date(`${day}T00:00:00Z`),
    severity: "medium",
    title: `${row.scope === "team" ? "Team" : "Organization"} ${row.scope_name}: ${stage} score dropped ${drop} points`,
    text: `The ${stage} score fell from ${row.previous_score.toFixed(1)} to ${row.score.toFixed(1)} on ${day}.`,
    path: row.scope === "team" ? `/teams?team=${row.scope_id}` : `/orgs?org=${row.scope_id}`,
    sourceUrl: null,
    facts: { [row.scope === "team" ? "Team" : "Organization"]: row.scope_name, Stage: stage, Day: day, Before: row.previous_score.toFixed(1), After: row.score.toFixed(1) },
    scope: { level: row.scope, organizationIds: [row.organization_id], teamIds: row.scope === "team" ? [row.scope_id] : [] },
    attributes: { stage: row.stage, drop },
  };
}

function compact(facts: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(facts).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
