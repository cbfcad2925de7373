// Which repositories a developer may see: those they can reach on the source. Three paths,
// any one suffices —
//   1. a team they belong to (GitHub login linked to their Entra identity) has access;
//   2. they are a direct collaborator on the repository;
//   3. an Entra group they are in is mapped to a team that has access.
// Identity links bind by Entra object id when an admin made them, else by the UPN the source
// reported (SAML NameID), within the viewer's tenant (links from connections that did not name
// a tenant carry '' and match any). Deleted repositories and teams grant nothing.
import { database } from "../db";

export interface ScopeSubject {
  tenantId: string;
  objectId: string;
  upn: string | null;
  groups: readonly string[];
}

const SCOPE_SQL = `
  WITH logins AS (
    SELECT l.organization_id, lower(l.login) AS login
      FROM identity_link l
     WHERE (l.tenant_id = $1 OR l.tenant_id = '')
       AND (l.entra_object_id = $2 OR (l.entra_object_id IS NULL AND $3::text IS NOT NULL AND l.entra_upn = lower($3::text)))
  )
  SELECT tr.repository_id AS id
    FROM logins lg
    JOIN team t ON t.organization_id = lg.organization_id AND t.deleted_at IS NULL
    JOIN team_member tm ON tm.team_id = t.id AND lower(tm.login) = lg.login
    JOIN team_repository tr ON tr.team_id = t.id
  UNION
  SELECT rc.repository_id
    FROM logins lg
    JOIN repository r ON r.organization_id = lg.organization_id
    JOIN repository_collaborator rc ON rc.repository_id = r.id AND lower(rc.login) = lg.login
  UNION
  SELECT tr.repository_id
    FROM group_team_link g
    JOIN team t ON t.id = g.team_id AND t.deleted_at IS NULL
    JOIN team_repository tr ON tr.team_id = t.id
   WHERE g.entra_group_id = ANY($4::text[]) AND (g.tenant_id = $1 OR g.tenant_id = '')`;

/** Ids of the live repositories the subject may see. */
export async function resolveRepositoryScope(subject: ScopeSubject): Promise<Set<string>> {
  const { pool } = database();
  const { rows } = await pool.query<{ id: string }>(
    `SELECT s.id FROM (${SCOPE_SQL}) s JOIN repository r ON r.id = s.id WHERE r.deleted_at IS NULL`,
    [subject.tenantId, subject.objectId, subject.upn, [...subject.groups]],
  );
  return new Set(rows.map((r) => r.id));
}
