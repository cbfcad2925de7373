// Everything the control rules read, for every repository at once: a handful of set-based
// queries (repositories, finding aggregates, cloud links and secure scores, audit signals),
// folded into one RepositoryEvidence per repository. Nothing here decides pass or fail.
import type pg from "pg";
import { actionsForSignal, classifyAuditEntry } from "../sources/azure-devops/classify-audit-action";
import { slaDaysArray, type ScoringSettings } from "./settings";

export const FINDING_BUCKETS = ["secret", "code", "dependency", "iac", "container", "devops_recommendation", "cloud_recommendation", "cloud_alert", "policy"] as const;
export type FindingBucketName = (typeof FINDING_BUCKETS)[number];
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SlaSeverity = Exclude<Severity, "info">;

/** One kind of finding on one repository (its own, and its linked cloud resources'). */
export interface FindingBucket {
  /** Scored findings ever reported, any state: evidence that the tool reports on this repository. */
  total: number;
  open: Record<Severity, number>;
  openBeyondSla: Record<Severity, number>;
  /** A few open finding ids, oldest first, for the evidence view. */
  openIds: string[];
  beyondSlaIds: string[];
  /** Day (YYYY-MM-DD) of the newest thing the source reported for this kind. */
  lastActivityDay: string | null;
}

export interface AuditEvidence {
  windowDays: number;
  /** Oldest audit entry Rampart holds for the organization: a window starting earlier is only partly covered. */
  coveredFrom: string | null;
  /** Signal name → { count, a few audit_event ids, actors (lower-case UPNs) }. */
  repository: Record<string, SignalTally>;
  project: Record<string, SignalTally>;
  organization: Record<string, SignalTally>;
}
export interface SignalTally {
  count: number;
  eventIds: string[];
  actors: string[];
  /** Counts by signal severity (some signals' severity depends on the entry's data). */
  bySeverity: Partial<Record<Severity, number>>;
}

export interface RepositoryEvidence {
  repository: { id: string; platform: string; sourceId: string; fullName: string; name: string; defaultBranch: string | null; organizationId: string; projectName: string | null; archived: boolean };
  settings: Record<string, unknown>;
  findings: Record<FindingBucketName, FindingBucket>;
  /** Findings fixed or resolved in the last 90 days, by severity: count and mean hours open. */
  remediation: Record<SlaSeverity, { closed: number; meanHours: number | null }>;
  cloud: { linkedResources: number; subscriptions: string[]; secureScorePercent: number | null };
  /** null when no audit log covers the repository (GitHub, or an ADO org not synced yet). */
  audit: AuditEvidence | null;
  config: ScoringSettings;
  now: Date;
}

/** All repositories, or only these (the test worlds and a future per-connection run). */
export type RepositorySelection = "all" | readonly string[];

const zeroes = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
export const emptyBucket = (): FindingBucket => ({ total: 0, open: zeroes(), openBeyondSla: zeroes(), openIds: [], beyondSlaIds: [], lastActivityDay: null });
export const emptyFindings = (): Record<FindingBucketName, FindingBucket> => Object.fromEntries(FINDING_BUCKETS.map((b) => [b, emptyBucket()])) as Record<FindingBucketName, FindingBucket>;
export const emptyRemediation = (): RepositoryEvidence["remediation"] => ({ critical: { closed: 0, meanHours: null }, high: { closed: 0, meanHours: null }, medium: { closed: 0, meanHours: null }, low: { closed: 0, meanHours: null } });

const DAY_MS = 86_400_000;
const selectionFilter = (column: string, param: number, selection: RepositorySelection) => (selection === "all" ? "" : `AND ${column} = ANY($${param}::uuid[])`);
const selectionParams = (selection: RepositorySelection) => (selection === "all" ? [] : [selection]);

/**
 * The finding a repository answers for: its own, and those of cloud resources it deploys
 * (code-to-cloud link). Defender "not applicable" results (details.scored = false) never count.
 * Shared by the evidence loader and the daily rollups so both attribute findings the same way.
 */
export const ATTRIBUTED_FINDINGS = `
  SELECT f.*, COALESCE(f.repository_id, cr.repository_id) AS attributed_repository_id,
         CASE WHEN f.kind = 'cloud_recommendation' AND f.stage = 'cd' THEN 'devops_recommendation' ELSE f.kind::text END AS bucket,
         COALESCE(f.source_created_at, f.first_seen_at) AS opened_at
    FROM finding f
    LEFT JOIN cloud_resource cr ON f.repository_id IS NULL AND cr.id = f.cloud_resource_id
   WHERE (f.details ->> 'scored') IS DISTINCT FROM 'false'`;

/** SQL for "days a finding of this severity may stay open", from the severity-ordered array param. */
export const slaDaysSql = (param: string, severityColumn: string) => `(${param}::float8[])[array_position(ARRAY['critical','high','medium','low']::severity[], ${severityColumn})]`;

async function loadRepositories(client: pg.ClientBase, selection: RepositorySelection) {
  const { rows } = await client.query<{ id: string; source: string; source_id: string; full_name: string; name: string; default_branch: string | null; organization_id: string; project_name: string | null; archived: boolean; settings: Record<string, unknown> }>(
    `SELECT id, source::text AS source, source_id, full_name, name, default_branch, organization_id, project_name, archived, settings
       FROM repository WHERE deleted_at IS NULL ${selectionFilter("id", 1, selection)} ORDER BY id`,
    selectionParams(selection),
  );
  return rows;
}

interface FindingRow { repository_id: string; bucket: FindingBucketName; severity: Severity; total: number; open: number; beyond: number; open_ids: string[]; beyond_ids: string[]; last_activity: Date | null; closed_recent: number; mean_hours: number | null }

async function loadFindingAggregates(client: pg.ClientBase, selection: RepositorySelection, now: Date, config: ScoringSettings): Promise<FindingRow[]> {
  const { rows } = await client.query<FindingRow>(
    `WITH s AS (${ATTRIBUTED_FINDINGS}),
     t AS (
       SELECT s.*, (s.state = 'open' AND s.opened_at < $1::timestamptz - make_interval(days => 1) * ${slaDaysSql("$2", "s.severity")}) AS beyond,
              COALESCE(s.fixed_at, s.resolved_at) AS remediated_at
         FROM s WHERE s.attributed_repository_id IS NOT NULL ${selectionFilter("s.attributed_repository_id", 3, selection)}
     )
     SELECT attributed_repository_id AS repository_id, bucket, severity::text AS severity,
            count(*)::int AS total,
            count(*) FILTER (WHERE state = 'open')::int AS open,
            count(*) FILTER (WHERE beyond)::int AS beyond,
            (array_agg(id ORDER BY opened_at, id) FILTER (WHERE state = 'open'))[1:5] AS open_ids,
            (array_agg(id ORDER BY opened_at, id) FILTER (WHERE beyond))[1:5] AS beyond_ids,
            max(GREATEST(source_created_at, source_updated_at, fixed_at, resolved_at, dismissed_at)) AS last_activity,
            count(*) FILTER (WHERE state IN ('fixed', 'resolved') AND remediated_at > $1::timestamptz - interval '90 days' AND remediated_at <= $1::timestamptz)::int AS closed_recent,
            avg(extract(epoch FROM remediated_at - opened_at) / 3600) FILTER (WHERE state IN ('fixed', 'resolved') AND remediated_at > $1::timestamptz - interval '90 days' AND remediated_at <= $1::timestamptz)::float8 AS mean_hours
       FROM t GROUP BY 1, 2, 3`,
    [now, slaDaysArray(config.slaDays), ...selectionParams(selection)],
  );
  return rows;
}

async function loadCloudLinks(client: pg.ClientBase, selection: RepositorySelection, now: Date) {
  const { rows } = await client.query<{ repository_id: string; resources: number; subscriptions: string[]; secure_score: number | null }>(
    `WITH links AS (
       SELECT repository_id, count(*)::int AS resources, array_agg(DISTINCT subscription_id ORDER BY subscription_id) AS subscriptions
         FROM cloud_resource WHERE repository_id IS NOT NULL AND deleted_at IS NULL ${selectionFilter("repository_id", 2, selection)} GROUP BY 1
     ), scores AS (
       SELECT DISTINCT ON (subscription_id) subscription_id, percentage
         FROM secure_score_snapshot WHERE score_name = 'ascScore' AND captured_at <= $1 ORDER BY subscription_id, captured_at DESC
     )
     SELECT l.repository_id, l.resources, l.subscriptions,
            (SELECT min(s.percentage) * 100 FROM scores s WHERE s.subscription_id = ANY(l.subscriptions))::float8 AS secure_score
       FROM links l`,
    [now, ...selectionParams(selection)],
  );
  return rows;
}

/** The audit signals the controls read; their action ids come from the classifier. */
export const AUDIT_SIGNALS = [
  "branch-policy-bypassed", "branch-policy-removed", "pat-created", "pat-leaked", "permission-changed", "group-member-added",
  "service-connection-created", "service-connection-shared", "pipeline-modified", "pipeline-settings-modified",
  "check-removed", "check-modified", "deployment-approved", "pipeline-resource-opened", "audit-stream-disabled",
] as const;

interface AuditRow { organization_id: string; project: string | null; repo_id: string | null; repo_name: string | null; action_id: string; actor: string | null; changed_permission: string | null; modified_to: string | null; group_name: string | null; count: number; ids: string[] }

async function loadAuditSignals(client: pg.ClientBase, organizationIds: string[], since: Date, now: Date) {
  const actions = [...new Set(AUDIT_SIGNALS.flatMap(actionsForSignal))];
  const exact = actions.filter((a) => !a.endsWith("."));
  const prefixes = actions.filter((a) => a.endsWith(".")).map((a) => `${a.replace(/[\\%_]/g, "\\$&")}%`);
  const [signals, coverage] = await Promise.all([
    client.query<AuditRow>(
      `SELECT organization_id, lower(COALESCE(project_name, data ->> 'ProjectName')) AS project, lower(data ->> 'RepoId') AS repo_id,
              lower(data ->> 'RepoName') AS repo_name, action_id, lower(actor_upn) AS actor,
              data ->> 'ChangedPermission' AS changed_permission, data ->> 'PermissionModifiedTo' AS modified_to, data ->> 'GroupName' AS group_name,
              count(*)::int AS count, (array_agg(id ORDER BY occurred_at DESC))[1:5] AS ids
         FROM audit_event
        WHERE organization_id = ANY($1::uuid[]) AND occurred_at > $2 AND occurred_at <= $3
          AND (action_id = ANY($4::text[]) OR action_id LIKE ANY($5::text[]))
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
      [organizationIds, since, now, exact, prefixes],
    ),
    client.query<{ organization_id: string; covered_from: Date | null }>(
      `SELECT o.id AS organization_id, (SELECT min(a.occurred_at) FROM audit_event a WHERE a.organization_id = o.id) AS covered_from FROM unnest($1::uuid[]) AS o(id)`,
      [organizationIds],
    ),
  ]);
  return { signals: signals.rows, coverage: new Map(coverage.rows.filter((r) => r.covered_from).map((r) => [r.organization_id, r.covered_from!])) };
}

function tally(into: Record<string, SignalTally>, signal: string, severity: Severity, row: AuditRow): void {
  const t = (into[signal] ??= { count: 0, eventIds: [], actors: [], bySeverity: {} });
  t.count += row.count;
  t.bySeverity[severity] = (t.bySeverity[severity] ?? 0) + row.count;
  for (const id of row.ids) if (t.eventIds.length < 5) t.eventIds.push(id);
  if (row.actor && !t.actors.includes(row.actor)) t.actors.push(row.actor);
}

// Which level an audit signal is judged at: bypasses name a repository, delivery-path changes
// a project, tokens and permissions the whole organization.
const REPOSITORY_SIGNALS = new Set(["branch-policy-bypassed", "branch-policy-removed"]);
const PROJECT_SIGNALS = new Set(["service-connection-created", "service-connection-shared", "pipeline-modified", "pipeline-settings-modified", "check-removed", "check-modified", "deployment-approved", "pipeline-resource-opened"]);

/** Loads the evidence of every selected repository as of `now`. */
export async function loadEvidence(client: pg.ClientBase, options: { now: Date; config: ScoringSettings; repositories?: RepositorySelection }): Promise<RepositoryEvidence[]> {
  const { now, config } = options;
  const selection = options.repositories ?? "all";
  const repositories = await loadRepositories(client, selection);
  if (repositories.length === 0) return [];
  const since = new Date(now.getTime() - config.auditWindowDays * DAY_MS);
  const adoOrganizations = [...new Set(repositories.filter((r) => r.source === "azure_devops").map((r) => r.organization_id))];
  const [findingRows, cloudRows, audit] = await Promise.all([
    loadFindingAggregates(client, selection, now, config),
    loadCloudLinks(client, selection, now),
    adoOrganizations.length ? loadAuditSignals(client, adoOrganizations, since, now) : Promise.resolve({ signals: [] as AuditRow[], coverage: new Map<string, Date>() }),
  ]);

  const byId = new Map<string, RepositoryEvidence>();
  for (const r of repositories) {
    byId.set(r.id, {
      repository: { id: r.id, platform: r.source, sourceId: r.source_id, fullName: r.full_name, name: r.name, defaultBranch: r.default_branch, organizationId: r.organization_id, projectName: r.project_name, archived: r.archived },
      settings: r.settings ?? {},
      findings: emptyFindings(),
      remediation: emptyRemediation(),
      cloud: { linkedResources: 0, subscriptions: [], secureScorePercent: null },
      audit: null,
      config,
      now,
    });
  }
  for (const row of findingRows) {
    const evidence = byId.get(row.repository_id);
    if (!evidence || !(row.bucket in evidence.findings)) continue;
    const bucket = evidence.findings[row.bucket];
    bucket.total += row.total;
    bucket.open[row.severity] += row.open;
    bucket.openBeyondSla[row.severity] += row.beyond;
    bucket.openIds = [...bucket.openIds, ...(row.open_ids ?? [])].slice(0, 5);
    bucket.beyondSlaIds = [...bucket.beyondSlaIds, ...(row.beyond_ids ?? [])].slice(0, 5);
    const day = row.last_activity ? row.last_activity.toISOString().slice(0, 10) : null;
    if (day && (!bucket.lastActivityDay || day > bucket.lastActivityDay)) bucket.lastActivityDay = day;
    if (row.severity !== "info" && row.closed_recent > 0 && row.mean_hours !== null) {
      const r = evidence.remediation[row.severity];
      const hours = (r.meanHours ?? 0) * r.closed + row.mean_hours * row.closed_recent;
      r.closed += row.closed_recent;
      r.meanHours = Math.round((hours / r.closed) * 10) / 10;
    }
  }
  for (const row of cloudRows) {
    const evidence = byId.get(row.repository_id);
    if (evidence) evidence.cloud = { linkedResources: row.resources, subscriptions: row.subscriptions, secureScorePercent: row.secure_score === null ? null : Math.round(row.secure_score * 10) / 10 };
  }
  attachAudit([...byId.values()], audit.signals, audit.coverage, config.auditWindowDays);
  return [...byId.values()];
}

function attachAudit(evidence: RepositoryEvidence[], rows: AuditRow[], coverage: Map<string, Date>, windowDays: number): void {
  for (const e of evidence) {
    const coveredFrom = coverage.get(e.repository.organizationId);
    if (e.repository.platform !== "azure_devops" || !coveredFrom) continue;
    e.audit = { windowDays, coveredFrom: coveredFrom.toISOString().slice(0, 10), repository: {}, project: {}, organization: {} };
  }
  const byOrganization = new Map<string, RepositoryEvidence[]>();
  for (const e of evidence) if (e.audit) byOrganization.set(e.repository.organizationId, [...(byOrganization.get(e.repository.organizationId) ?? []), e]);
  for (const row of rows) {
    const signal = classifyAuditEntry({ actionId: row.action_id, data: { ChangedPermission: row.changed_permission, PermissionModifiedTo: row.modified_to, GroupName: row.group_name } });
    if (!signal) continue;
    for (const e of byOrganization.get(row.organization_id) ?? []) {
      const audit = e.audit!;
      const project = e.repository.projectName?.toLowerCase() ?? null;
      if (REPOSITORY_SIGNALS.has(signal.signal)) {
        // Entries name the repository by its Azure DevOps id; older ones only by project and name.
        const sameRepository = row.repo_id !== null ? row.repo_id === e.repository.sourceId.toLowerCase() : row.project === project && row.repo_name === e.repository.name.toLowerCase();
        if (sameRepository) tally(audit.repository, signal.signal, signal.severity, row);
      } else if (PROJECT_SIGNALS.has(signal.signal)) {
        if (project !== null && row.project === project) tally(audit.project, signal.signal, signal.severity, row);
      } else {
        tally(audit.organization, signal.signal, signal.severity, row);
      }
    }
  }
}
