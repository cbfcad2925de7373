// Writes an org's inventory with set-based statements: the org, repositories (settings merged
// key by key so the GraphQL and REST halves do not overwrite each other), teams with their
// members and repository permissions, and SAML identity links. Unchanged rows are not touched.
import type pg from "pg";
import type { OrgInventory, RepositoryRecord, TeamRecord } from "../../sources/github/inventory";

export async function upsertOrganization(client: pg.ClientBase, connectionId: string, org: OrgInventory["org"], settings: Record<string, unknown>): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO organization (source, source_id, connection_id, login, name, settings, updated_at)
     VALUES ('github', $1, $2, $3, $4, $5, now())
     ON CONFLICT (source, source_id) DO UPDATE SET connection_id = EXCLUDED.connection_id, login = EXCLUDED.login,
       name = EXCLUDED.name, settings = organization.settings || EXCLUDED.settings, deleted_at = NULL, updated_at = now()
     RETURNING id`,
    [org.sourceId, connectionId, org.login, org.name, JSON.stringify(settings)],
  );
  return rows[0]!.id;
}

/** Upserts repositories; returns how many rows changed. */
export async function upsertRepositories(client: pg.ClientBase, organizationId: string, repos: RepositoryRecord[]): Promise<number> {
  if (repos.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO repository AS r (organization_id, source, source_id, node_id, name, full_name, url, default_branch, visibility,
                                 archived, is_fork, primary_language, pushed_at, source_updated_at, settings, updated_at)
     SELECT $1, 'github', x.source_id, x.node_id, x.name, x.full_name, x.url, x.default_branch, x.visibility, x.archived,
            x.is_fork, x.primary_language, x.pushed_at, x.source_updated_at, x.settings, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::bool[],
                   $11::text[], $12::timestamptz[], $13::timestamptz[], $14::jsonb[])
         AS x(source_id, node_id, name, full_name, url, default_branch, visibility, archived, is_fork, primary_language, pushed_at, source_updated_at, settings)
     ON CONFLICT (source, source_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, node_id = EXCLUDED.node_id,
       name = EXCLUDED.name, full_name = EXCLUDED.full_name, url = EXCLUDED.url, default_branch = EXCLUDED.default_branch,
       visibility = EXCLUDED.visibility, archived = EXCLUDED.archived, is_fork = EXCLUDED.is_fork,
       primary_language = EXCLUDED.primary_language, pushed_at = EXCLUDED.pushed_at, source_updated_at = EXCLUDED.source_updated_at,
       settings = r.settings || EXCLUDED.settings, deleted_at = NULL, updated_at = now()
     WHERE (r.organization_id, r.node_id, r.name, r.full_name, r.url, r.default_branch, r.visibility, r.archived, r.is_fork,
            r.primary_language, r.pushed_at, r.source_updated_at, r.settings, r.deleted_at)
       IS DISTINCT FROM (EXCLUDED.organization_id, EXCLUDED.node_id, EXCLUDED.name, EXCLUDED.full_name, EXCLUDED.url,
            EXCLUDED.default_branch, EXCLUDED.visibility, EXCLUDED.archived, EXCLUDED.is_fork, EXCLUDED.primary_language,
            EXCLUDED.pushed_at, EXCLUDED.source_updated_at, r.settings || EXCLUDED.settings, NULL::timestamptz)`,
    [
      organizationId,
      repos.map((r) => r.sourceId), repos.map((r) => r.nodeId), repos.map((r) => r.name), repos.map((r) => r.fullName),
      repos.map((r) => r.url), repos.map((r) => r.defaultBranch), repos.map((r) => r.visibility), repos.map((r) => r.archived),
      repos.map((r) => r.isFork), repos.map((r) => r.primaryLanguage), repos.map((r) => r.pushedAt), repos.map((r) => r.sourceUpdatedAt),
      repos.map((r) => JSON.stringify(r.settings)),
    ],
  );
  return result.rowCount ?? 0;
}

/** Merges each repository's security_and_analysis into its settings. */
export async function updateSecurityAndAnalysis(client: pg.ClientBase, settings: Map<string, Record<string, unknown>>): Promise<number> {
  if (settings.size === 0) return 0;
  const result = await client.query(
    `UPDATE repository r SET settings = r.settings || jsonb_build_object('securityAndAnalysis', x.sa), updated_at = now()
       FROM unnest($1::text[], $2::jsonb[]) AS x(source_id, sa)
      WHERE r.source = 'github' AND r.source_id = x.source_id AND r.settings -> 'securityAndAnalysis' IS DISTINCT FROM x.sa`,
    [[...settings.keys()], [...settings.values()].map((v) => JSON.stringify(v))],
  );
  return result.rowCount ?? 0;
}

/** After a complete inventory read: repositories the source no longer lists are marked deleted. */
export async function markMissingRepositoriesDeleted(client: pg.ClientBase, organizationId: string, seenSourceIds: string[]): Promise<number> {
  const result = await client.query(
    `UPDATE repository SET deleted_at = now(), updated_at = now()
      WHERE organization_id = $1 AND source = 'github' AND deleted_at IS NULL AND NOT (source_id = ANY($2::text[]))`,
    [organizationId, seenSourceIds],
  );
  return result.rowCount ?? 0;
}

/** Upserts teams and replaces their members and repository permissions with what the source says. */
export async function writeTeams(client: pg.ClientBase, organizationId: string, teams: TeamRecord[]): Promise<void> {
  const { rows } = await client.query<{ id: string; source_id: string }>(
    `INSERT INTO team AS t (organization_id, source, source_id, slug, name, description, updated_at)
     SELECT $1, 'github', x.source_id, x.slug, x.name, x.description, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(source_id, slug, name, description)
     ON CONFLICT (source, source_id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, description = EXCLUDED.description,
       deleted_at = NULL, updated_at = now()
     RETURNING id, source_id`,
    [organizationId, teams.map((t) => t.sourceId), teams.map((t) => t.slug), teams.map((t) => t.name), teams.map((t) => t.description)],
  );
  const teamIds = rows.map((r) => r.id);
  await client.query(
    `UPDATE team t SET parent_team_id = p.id FROM unnest($2::text[], $3::text[]) AS x(slug, parent_slug)
       LEFT JOIN team p ON p.organization_id = $1 AND p.slug = x.parent_slug
      WHERE t.organization_id = $1 AND t.slug = x.slug AND t.parent_team_id IS DISTINCT FROM p.id`,
    [organizationId, teams.map((t) => t.slug), teams.map((t) => t.parentSlug)],
  );
  await client.query(
    `UPDATE team SET deleted_at = now(), updated_at = now() WHERE organization_id = $1 AND deleted_at IS NULL AND NOT (id = ANY($2::uuid[]))`,
    [organizationId, teamIds],
  );
  const perms = teams.flatMap((t) => t.repositories.map((r) => [t.sourceId, r.repositorySourceId, r.permission] as const));
  await client.query(
    `WITH wanted AS (
       SELECT t.id AS team_id, r.id AS repository_id, x.permission
         FROM unnest($2::text[], $3::text[], $4::text[]) AS x(team_source_id, repo_source_id, permission)
         JOIN team t ON t.source = 'github' AND t.source_id = x.team_source_id
         JOIN repository r ON r.source = 'github' AND r.source_id = x.repo_source_id),
     removed AS (
       DELETE FROM team_repository tr WHERE tr.team_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.team_id = tr.team_id AND w.repository_id = tr.repository_id))
     INSERT INTO team_repository AS tr (team_id, repository_id, permission, updated_at)
     SELECT team_id, repository_id, permission, now() FROM wanted
     ON CONFLICT (team_id, repository_id) DO UPDATE SET permission = EXCLUDED.permission, updated_at = now()
     WHERE tr.permission IS DISTINCT FROM EXCLUDED.permission`,
    [teamIds, perms.map((p) => p[0]), perms.map((p) => p[1]), perms.map((p) => p[2])],
  );
  const members = teams.flatMap((t) => t.members.map((m) => [t.sourceId, m.login, m.role] as const));
  await client.query(
    `WITH wanted AS (
       SELECT t.id AS team_id, x.login, x.role
         FROM unnest($2::text[], $3::text[], $4::text[]) AS x(team_source_id, login, role)
         JOIN team t ON t.source = 'github' AND t.source_id = x.team_source_id),
     removed AS (
       DELETE FROM team_member tm WHERE tm.team_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.team_id = tm.team_id AND w.login = tm.login))
     INSERT INTO team_member AS tm (team_id, login, role, updated_at)
     SELECT team_id, login, role, now() FROM wanted
     ON CONFLICT (team_id, login) DO UPDATE SET role = EXCLUDED.role, updated_at = now()
     WHERE tm.role IS DISTINCT FROM EXCLUDED.role`,
    [teamIds, members.map((m) => m[0]), members.map((m) => m[1]), members.map((m) => m[2])],
  );
}

/** Replaces the org's SAML identity links (login ↔ NameID/UPN); admin mappings are untouched. */
export async function writeIdentityLinks(client: pg.ClientBase, organizationId: string, tenantId: string, identities: OrgInventory["identities"]): Promise<void> {
  await client.query(
    `WITH wanted AS (SELECT * FROM unnest($2::text[], $3::text[]) AS x(login, upn)),
     removed AS (
       DELETE FROM identity_link l WHERE l.organization_id = $1 AND l.origin = 'saml'
          AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.login = l.login))
     INSERT INTO identity_link AS l (tenant_id, entra_upn, organization_id, provider, login, origin, updated_at)
     SELECT $4, lower(upn), $1, 'github', login, 'saml', now() FROM wanted
     ON CONFLICT (organization_id, login, origin) DO UPDATE SET entra_upn = EXCLUDED.entra_upn, tenant_id = EXCLUDED.tenant_id, updated_at = now()
     WHERE l.entra_upn IS DISTINCT FROM EXCLUDED.entra_upn OR l.tenant_id IS DISTINCT FROM EXCLUDED.tenant_id`,
    [organizationId, identities.map((i) => i.login), identities.map((i) => i.nameId), tenantId],
  );
}
