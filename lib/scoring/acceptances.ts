// Risk acceptances as scoring sees them. An acceptance is "in force" at time T when it was
// approved at or before T, expires after T and was not revoked by T — computed from its
// timestamps, so "as of" a past date gives the answer of that date. In force, it labels a
// failing control or an open finding "accepted" (counted apart); it never changes a score.
import type pg from "pg";

/**
 * SQL condition: a control acceptance in force at `$at` covers (repository `repo`, control
 * `control`) — accepted for the repository itself, a team that has it, or its organization.
 */
/**
 * SQL conditions on `risk_acceptance ra`: a control acceptance in force at `at` covers
 * (repository `repo`, control `control`) — accepted for the repository itself, a team that has
 * it, or its organization.
 */
export const controlAcceptanceConditions = (repo: string, control: string, at: string) => `
     ra.scope = 'control' AND ra.control_id = ${control}
     AND ra.status IN ('active', 'expired', 'revoked')
     AND COALESCE(ra.approved_at, ra.created_at) <= ${at} AND ra.expires_at > ${at}
     AND (ra.revoked_at IS NULL OR ra.revoked_at > ${at})
     AND (ra.repository_id = ${repo}
          OR ra.organization_id = (SELECT r.organization_id FROM repository r WHERE r.id = ${repo})
          OR ra.team_id IN (SELECT tr.team_id FROM team_repository tr WHERE tr.repository_id = ${repo}))`;

/** SQL condition: some control acceptance is in force (see controlAcceptanceConditions). */
export const controlAcceptedSql = (repo: string, control: string, at: string) => `EXISTS (SELECT 1 FROM risk_acceptance ra WHERE ${controlAcceptanceConditions(repo, control, at)})`;

/** SQL condition: a finding acceptance (the finding itself, or its rule in its repository) in force at `$at`. */
export const findingAcceptedSql = (finding: string, repo: string, rule: string, at: string) => `EXISTS (
  SELECT 1 FROM risk_acceptance ra
   WHERE ra.status IN ('active', 'expired', 'revoked')
     AND COALESCE(ra.approved_at, ra.created_at) <= ${at} AND ra.expires_at > ${at}
     AND (ra.revoked_at IS NULL OR ra.revoked_at > ${at})
     AND ((ra.scope = 'finding' AND ra.finding_id = ${finding})
          OR (ra.scope = 'rule' AND ra.repository_id = ${repo} AND ra.rule_id = ${rule})))`;

/**
 * Marks active acceptances whose expiry has passed as expired, records an
 * `acceptance_expired` event on each finding they covered (so the finding's history shows it
 * counting again) and an app audit entry per acceptance. Returns how many expired.
 */
export async function expireAcceptances(client: pg.ClientBase, now: Date): Promise<number> {
  const { rows } = await client.query<{ expired: number }>(
    `WITH expired AS (
       UPDATE risk_acceptance SET status = 'expired', updated_at = $1
        WHERE status = 'active' AND expires_at <= $1
       RETURNING id, scope, finding_id, repository_id, team_id, organization_id, rule_id, control_id, expires_at
     ), covered AS (
       SELECT DISTINCT ON (f.id, x.id) f.id AS finding_id, f.state, f.severity, x.id AS acceptance_id, x.expires_at
         FROM expired x
         JOIN finding f ON (x.scope = 'finding' AND f.id = x.finding_id)
                        OR (x.scope = 'rule' AND f.repository_id = x.repository_id AND f.rule_id = x.rule_id AND f.state = 'open')
     ), events AS (
       INSERT INTO finding_event (finding_id, type, from_state, to_state, from_severity, to_severity, occurred_at, actor, reason)
       SELECT finding_id, 'acceptance_expired', state, state, severity, severity, expires_at, 'rampart', 'risk acceptance ' || acceptance_id || ' expired'
         FROM covered
       RETURNING 1
     ), audit AS (
       INSERT INTO app_audit_event (action, target_type, target_id, details, occurred_at)
       SELECT 'risk.expired', 'risk_acceptance', x.id::text,
              jsonb_strip_nulls(jsonb_build_object('scope', x.scope, 'findingId', x.finding_id::text, 'repositoryId', x.repository_id, 'teamId', x.team_id,
                                                   'organizationId', x.organization_id, 'ruleId', x.rule_id, 'controlId', x.control_id, 'expiresAt', x.expires_at)),
              $1
         FROM expired x
       RETURNING 1
     )
     -- Data-modifying CTEs run to completion whether or not the final SELECT reads them.
     SELECT count(*)::int AS expired FROM expired`,
    [now],
  );
  return rows[0]!.expired;
}
