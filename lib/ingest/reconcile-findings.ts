// Writes a batch of normalized findings in one statement: new ones are created, changed ones
// updated, unchanged ones left alone, and every state or severity change becomes a
// FindingEvent stamped with the source's own time. Idempotent: the same batch twice writes
// nothing the second time. Set-based (unnest + ON CONFLICT), never a round trip per row.
import type pg from "pg";
import type { NormalizedFinding } from "./normalized-finding";

export interface ReconcileContext {
  connectionId: string | null;
  /** Organization to file findings under when their repository is not known. */
  organizationId: string | null;
  syncRunId: string | null;
  /** "Now" for last_seen_at and for events whose source time is unknown. */
  observedAt: Date;
}

export interface ReconcileResult {
  created: number;
  updated: number;
  events: number;
  /** Findings naming a repository Rampart has not synced yet (filed without one). */
  unmappedRepositories: number;
}

const COLUMNS = [
  ["source", "source"], ["source_id", "text"], ["kind", "finding_kind"], ["repository_source_id", "text"],
  ["cloud_resource_ref", "text"], ["rule_id", "text"], ["rule_name", "text"], ["title", "text"],
  ["severity", "severity"], ["source_severity", "text"], ["state", "finding_state"], ["stage", "stage"],
  ["fingerprint", "text"], ["location_path", "text"], ["location_line", "int"], ["details", "jsonb"],
  ["url", "text"], ["cve_id", "text"], ["cvss_score", "float8"], ["source_created_at", "timestamptz"],
  ["source_updated_at", "timestamptz"], ["fixed_at", "timestamptz"], ["dismissed_at", "timestamptz"],
  ["dismissed_reason", "text"], ["dismissed_by", "text"], ["resolved_at", "timestamptz"],
] as const;

const N = COLUMNS.length;
const CONNECTION = `$${N + 1}::uuid`;
const ORGANIZATION = `$${N + 2}::uuid`;
const SYNC_RUN = `$${N + 3}::uuid`;
const NOW = `$${N + 4}::timestamptz`;

// Columns whose change counts as "the finding changed" (everything the source tells us).
const TRACKED = [
  "kind", "organization_id", "repository_id", "cloud_resource_id", "rule_id", "rule_name", "title", "severity",
  "source_severity", "state", "stage", "fingerprint", "location_path", "location_line", "details", "url", "cve_id",
  "cvss_score", "source_created_at", "source_updated_at", "fixed_at", "dismissed_at", "dismissed_reason", "dismissed_by", "resolved_at",
];

const SQL = `
WITH input AS (
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})
    AS t(${COLUMNS.map(([name]) => name).join(", ")})
),
resolved AS (
  SELECT i.*, r.id AS repository_id, COALESCE(r.organization_id, ${ORGANIZATION}) AS organization_id, c.id AS cloud_resource_id
  FROM input i
  LEFT JOIN repository r ON r.source = i.source AND r.source_id = i.repository_source_id
  LEFT JOIN cloud_resource c ON c.resource_id = lower(i.cloud_resource_ref)
),
previous AS (
  SELECT f.id, f.state, f.severity
  FROM finding f JOIN input i ON f.source = i.source AND f.source_id = i.source_id
),
upserted AS (
  INSERT INTO finding AS f (source, source_id, connection_id, first_seen_at, last_seen_at, created_at, updated_at, ${TRACKED.join(", ")})
  SELECT source, source_id, ${CONNECTION}, ${NOW}, ${NOW}, ${NOW}, ${NOW}, ${TRACKED.join(", ")}
  FROM resolved
  ON CONFLICT (source, source_id) DO UPDATE SET
    connection_id = COALESCE(EXCLUDED.connection_id, f.connection_id),
    last_seen_at = EXCLUDED.last_seen_at,
    updated_at = EXCLUDED.updated_at,
    ${TRACKED.map((c) => (c === "repository_id" || c === "cloud_resource_id" ? `${c} = COALESCE(EXCLUDED.${c}, f.${c})` : `${c} = EXCLUDED.${c}`)).join(",\n    ")}
  WHERE (${TRACKED.map((c) => `f.${c}`).join(", ")}) IS DISTINCT FROM (${TRACKED.map((c) => (c === "repository_id" || c === "cloud_resource_id" ? `COALESCE(EXCLUDED.${c}, f.${c})` : `EXCLUDED.${c}`)).join(", ")})
  RETURNING f.id, f.state, f.severity, f.source_created_at, f.source_updated_at, f.fixed_at, f.dismissed_at,
            f.dismissed_by, f.dismissed_reason, f.resolved_at, (xmax = 0) AS inserted
),
events AS (
  INSERT INTO finding_event (finding_id, type, from_state, to_state, from_severity, to_severity, occurred_at, actor, reason, sync_run_id)
  SELECT u.id, 'opened', NULL, 'open', NULL, u.severity, u.source_created_at, NULL, NULL, ${SYNC_RUN}
    FROM upserted u WHERE u.inserted
  UNION ALL
  SELECT u.id, u.state::text::finding_event_type,
         CASE WHEN u.inserted THEN 'open'::finding_state ELSE p.state END, u.state,
         CASE WHEN u.inserted THEN u.severity ELSE p.severity END, u.severity,
         COALESCE(CASE u.state WHEN 'fixed' THEN u.fixed_at WHEN 'dismissed' THEN u.dismissed_at WHEN 'resolved' THEN u.resolved_at END,
                  u.source_updated_at, ${NOW}),
         CASE WHEN u.state = 'dismissed' THEN u.dismissed_by END,
         CASE WHEN u.state = 'dismissed' THEN u.dismissed_reason END,
         ${SYNC_RUN}
    FROM upserted u LEFT JOIN previous p ON p.id = u.id
   WHERE u.state <> 'open' AND (u.inserted OR p.state IS DISTINCT FROM u.state)
  UNION ALL
  SELECT u.id, 'reopened', p.state, 'open', p.severity, u.severity, COALESCE(u.source_updated_at, ${NOW}), NULL, NULL, ${SYNC_RUN}
    FROM upserted u JOIN previous p ON p.id = u.id
   WHERE NOT u.inserted AND u.state = 'open' AND p.state <> 'open'
  UNION ALL
  SELECT u.id, 'severity_changed', p.state, u.state, p.severity, u.severity, COALESCE(u.source_updated_at, ${NOW}), NULL, NULL, ${SYNC_RUN}
    FROM upserted u JOIN previous p ON p.id = u.id
   WHERE NOT u.inserted AND p.severity <> u.severity AND p.state = u.state
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted WHERE inserted)::int AS created,
       (SELECT count(*) FROM upserted WHERE NOT inserted)::int AS updated,
       (SELECT count(*) FROM events)::int AS events,
       (SELECT count(*) FROM resolved WHERE repository_source_id IS NOT NULL AND repository_id IS NULL)::int AS unmapped_repositories`;

function column(findings: NormalizedFinding[], name: (typeof COLUMNS)[number][0]): unknown[] {
  switch (name) {
    case "source_id": return findings.map((f) => f.sourceId);
    case "repository_source_id": return findings.map((f) => f.repositorySourceId);
    case "cloud_resource_ref": return findings.map((f) => f.cloudResourceId);
    case "rule_id": return findings.map((f) => f.ruleId);
    case "rule_name": return findings.map((f) => f.ruleName);
    case "source_severity": return findings.map((f) => f.sourceSeverity);
    case "location_path": return findings.map((f) => f.locationPath);
    case "location_line": return findings.map((f) => f.locationLine);
    case "details": return findings.map((f) => JSON.stringify(f.details));
    case "cve_id": return findings.map((f) => f.cveId);
    case "cvss_score": return findings.map((f) => f.cvssScore);
    case "source_created_at": return findings.map((f) => f.sourceCreatedAt);
    case "source_updated_at": return findings.map((f) => f.sourceUpdatedAt);
    case "fixed_at": return findings.map((f) => f.fixedAt);
    case "dismissed_at": return findings.map((f) => f.dismissedAt);
    case "dismissed_reason": return findings.map((f) => f.dismissedReason);
    case "dismissed_by": return findings.map((f) => f.dismissedBy);
    case "resolved_at": return findings.map((f) => f.resolvedAt);
    default: return findings.map((f) => f[name as "source" | "kind" | "title" | "severity" | "state" | "stage" | "fingerprint" | "url"]);
  }
}

/**
 * Keeps one finding per (source, source id) — the last one given — since one statement cannot
 * update the same row twice (a page boundary shifting mid-sync can repeat an alert).
 */
function dedupe(findings: NormalizedFinding[]): NormalizedFinding[] {
  const byKey = new Map<string, NormalizedFinding>();
  for (const f of findings) byKey.set(`${f.source}\u0000${f.sourceId}`, f);
  return [...byKey.values()];
}

// Locks the batch's existing rows first (in id order, so concurrent writers — a sync and a
// webhook — queue instead of deadlocking). The reconcile statement then runs on a snapshot
// taken after the lock, so the "previous" state it compares against cannot be stale. (A
// FOR UPDATE inside the statement itself would skip rows the same statement updates.)
const LOCK_SQL = `
SELECT f.id FROM finding f
  JOIN unnest($1::source[], $2::text[]) AS k(source, source_id) ON f.source = k.source AND f.source_id = k.source_id
 ORDER BY f.id FOR UPDATE OF f`;

/**
 * Reconciles one batch: two statements (lock, reconcile) whatever its size. Run it inside the
 * transaction that also moves the sync checkpoint.
 */
export async function reconcileFindings(client: pg.ClientBase, batch: NormalizedFinding[], ctx: ReconcileContext): Promise<ReconcileResult> {
  if (batch.length === 0) return { created: 0, updated: 0, events: 0, unmappedRepositories: 0 };
  const findings = dedupe(batch);
  await client.query(LOCK_SQL, [findings.map((f) => f.source), findings.map((f) => f.sourceId)]);
  const params = [...COLUMNS.map(([name]) => column(findings, name)), ctx.connectionId, ctx.organizationId, ctx.syncRunId, ctx.observedAt];
  const { rows } = await client.query<{ created: number; updated: number; events: number; unmapped_repositories: number }>(SQL, params);
  const row = rows[0]!;
  return { created: row.created, updated: row.updated, events: row.events, unmappedRepositories: row.unmapped_repositories };
}
