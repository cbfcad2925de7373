// Writes an ADO organization's inventory with set-based statements: repositories (settings
// merged key by key, so `ado` is replaced whole and other keys stay), repositories the
// organization no longer lists marked deleted, and teams with their repository permissions.
// Unchanged rows are not touched, so a repeated sync reports zero changes.
import type pg from "pg";
import type { AdoRepositoryRecord, AdoTeamRecord } from "../../sources/azure-devops/map-inventory";

/** Upserts repositories; returns how many rows changed. */
export async function upsertAdoRepositories(client: pg.ClientBase, organizationId: string, repos: AdoRepositoryRecord[]): Promise<number> {
  if (repos.length === 0) return 0;
  const column = <K extends keyof AdoRepositoryRecord>(key: K) => repos.map((r) => r[key]);
  const result = await client.query(
    `INSERT INTO repository AS r (organization_id, source, source_id, name, full_name, project_name, url, default_branch, visibility,
                                 archived, settings, updated_at)
     SELECT $1, 'azure_devops', x.source_id, x.name, x.full_name, x.project_name, x.url, x.default_branch, x.visibility, x.archived, x.settings, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::jsonb[])
         AS x(source_id, name, full_name, project_name, url, default_branch, visibility, archived, settings)
     ON CONFLICT (source, source_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, name = EXCLUDED.name,
       full_name = EXCLUDED.full_name, project_name = EXCLUDED.project_name, url = EXCLUDED.url,
       default_branch = EXCLUDED.default_branch, visibility = EXCLUDED.visibility, archived = EXCLUDED.archived,
       settings = r.settings || EXCLUDED.settings, deleted_at = NULL, updated_at = now()
     WHERE (r.organization_id, r.name, r.full_name, r.project_name, r.url, r.default_branch, r.visibility, r.archived, r.settings, r.deleted_at)
       IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.name, EXCLUDED.full_name, EXCLUDED.project_name, EXCLUDED.url,
            EXCLUDED.default_branch, EXCLUDED.visibility, EXCLUDED.archived, r.settings || EXCLUDED.settings, NULL::timestamptz)`,
    [
      organizationId,
      column("sourceId"), column("name"), column("fullName"), column("projectName"), column("url"), column("defaultBranch"),
      column("visibility"), column("archived"), repos.map((r) => JSON.stringify(r.settings)),
    ],
  );
  return result.rowCount ?? 0;
}

/** After a complete read: the organization's repositories the source no longer lists are marked deleted. */
export async function markMissingAdoRepositoriesDeleted(client: pg.ClientBase, organizationId: string, seenSourceIds: string[]): Promise<number> {
  const result = await client.query(
    `UPDATE repository SET deleted_at = now(), updated_at = now()
      WHERE organization_id = $1 AND source = 'azure_devops' AND deleted_at IS NULL AND NOT (source_id = ANY($2::text[]))`,
    [organizationId, seenSourceIds],
  );
  return result.rowCount ?? 0;
}

/**
 * Upserts the organization's teams, marks the ones no longer seen deleted, and replaces their
 * repository permissions with what the ACLs say; returns how many team and link rows changed.
 */
export async function writeAdoTeams(client: pg.ClientBase, organizationId: string, teams: AdoTeamRecord[]): Promise<number> {
  const upserted = await client.query<{ id: string }>(
    `INSERT INTO team AS t (organization_id, source, source_id, slug, name, description, updated_at)
     SELECT $1, 'azure_devops', x.source_id, x.slug, x.name, x.description, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(source_id, slug, name, description)
     ON CONFLICT (source, source_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, slug = EXCLUDED.slug, name = EXCLUDED.name,
       description = EXCLUDED.description, deleted_at = NULL, updated_at = now()
     WHERE (t.organization_id, t.slug, t.name, t.description, t.deleted_at)
       IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.slug, EXCLUDED.name, EXCLUDED.description, NULL::timestamptz)
     RETURNING id`,
    [organizationId, teams.map((t) => t.sourceId), teams.map((t) => t.slug), teams.map((t) => t.name), teams.map((t) => t.description)],
  );
  const gone = await client.query(
    `UPDATE team SET deleted_at = now(), updated_at = now()
      WHERE organization_id = $1 AND source = 'azure_devops' AND deleted_at IS NULL AND NOT (source_id = ANY($2::text[]))`,
    [organizationId, teams.map((t) => t.sourceId)],
  );
  const links = teams.flatMap((t) => t.repositories.map((r) => [t.sourceId, r.repositorySourceId, r.permission] as const));
  const linked = await client.query(
    `WITH wanted AS (
       SELECT t.id AS team_id, r.id AS repository_id, x.permission
         FROM unnest($2::text[], $3::text[], $4::text[]) AS x(team_source_id, repo_source_id, permission)
         JOIN team t ON t.source = 'azure_devops' AND t.source_id = x.team_source_id
         JOIN repository r ON r.source = 'azure_devops' AND r.source_id = x.repo_source_id),
     removed AS (
       DELETE FROM team_repository tr USING team t
        WHERE tr.team_id = t.id AND t.organization_id = $1 AND t.source = 'azure_devops'
          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.team_id = tr.team_id AND w.repository_id = tr.repository_id)
       RETURNING 1),
     written AS (
       INSERT INTO team_repository AS tr (team_id, repository_id, permission, updated_at)
       SELECT team_id, repository_id, permission, now() FROM wanted
       ON CONFLICT (team_id, repository_id) DO UPDATE SET permission = EXCLUDED.permission, updated_at = now()
       WHERE tr.permission IS DISTINCT FROM EXCLUDED.permission
       RETURNING 1)
     SELECT (SELECT count(*) FROM removed) + (SELECT count(*) FROM written) AS changed`,
    [organizationId, links.map((l) => l[0]), links.map((l) => l[1]), links.map((l) => l[2])],
  );
  return (upserted.rowCount ?? 0) + (gone.rowCount ?? 0) + Number((linked.rows[0] as { changed: string }).changed);
}
