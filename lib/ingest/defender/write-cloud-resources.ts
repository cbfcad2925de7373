// CloudResource rows for what Defender reports on, written in sets. Findings link to their
// resource through these rows (the reconcile step joins on the lower-cased ARM id), and the
// DevOps inventory's repository resources carry the code-to-cloud link to a Repository.
import type pg from "pg";
import { parseResourceId } from "../../sources/defender/arm-id";
import type { ConnectorRecord, DevOpsRepoRecord } from "../../sources/defender/map-devops";

/** Creates rows for resources not seen before (and revives deleted ones); returns how many changed. */
export async function upsertCloudResources(client: pg.ClientBase, connectionId: string | null, resourceIds: Iterable<string>): Promise<number> {
  const rows = [...new Set(resourceIds)].map(parseResourceId).filter((r): r is NonNullable<typeof r> => r !== null);
  if (rows.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO cloud_resource (connection_id, resource_id, subscription_id, resource_group, type, name, updated_at)
     SELECT $1::uuid, t.resource_id, t.subscription_id, t.resource_group, t.type, t.name, now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(resource_id, subscription_id, resource_group, type, name)
     ON CONFLICT (resource_id) DO UPDATE SET deleted_at = NULL, connection_id = COALESCE(cloud_resource.connection_id, EXCLUDED.connection_id), updated_at = now()
      WHERE cloud_resource.deleted_at IS NOT NULL OR cloud_resource.connection_id IS NULL AND EXCLUDED.connection_id IS NOT NULL`,
    [connectionId, rows.map((r) => r.key), rows.map((r) => r.subscriptionId), rows.map((r) => r.resourceGroup), rows.map((r) => r.type), rows.map((r) => r.name)],
  );
  return rowCount ?? 0;
}

// The Repository a DevOps repository resource stands for: same platform, the platform's own
// repository id first, else the full name ("owner/repo"; Azure DevOps also "project/repo").
const REPOSITORY_MATCH = `
  SELECT r.id FROM repository r
   WHERE r.deleted_at IS NULL
     AND r.source::text = t.platform
     AND (r.source_id = t.repo_id OR lower(r.full_name) = lower(t.full_name)
          OR (t.platform = 'azure_devops' AND lower(r.full_name) = lower(split_part(t.full_name, '/', 2) || '/' || split_part(t.full_name, '/', 3))))
   ORDER BY (r.source_id = t.repo_id) DESC NULLS LAST
   LIMIT 1`;

/**
 * Writes the subscription's security connectors and DevOps repositories as CloudResource rows,
 * each repository linked to its Repository when Rampart knows it; with `complete`, DevOps rows
 * of the subscription no longer reported are marked deleted. Returns rows changed and linked.
 */
export async function writeDevOpsInventory(
  client: pg.ClientBase,
  input: { connectionId: string; subscriptionId: string; connectors: ConnectorRecord[]; repos: DevOpsRepoRecord[]; complete: boolean },
): Promise<{ changed: number; linked: number }> {
  const rows = [
    ...input.connectors.map((c) => ({ id: c.id.toLowerCase(), group: c.resourceGroup, type: "Microsoft.Security/securityConnectors", name: c.name, platform: "", repoId: null as string | null, fullName: "" })),
    ...input.repos.map((r) => ({ id: r.resourceId, group: r.resourceGroup, type: r.type, name: r.fullName, platform: r.platform, repoId: r.repoId, fullName: r.fullName })),
  ];
  const { rows: written } = await client.query<{ changed: number; linked: number }>(
    `WITH t AS (
       SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS t(resource_id, resource_group, type, name, platform, repo_id, full_name)
     ), linked AS (
       SELECT t.*, (${REPOSITORY_MATCH}) AS repository_id FROM t
     ), upserted AS (
       INSERT INTO cloud_resource AS c (connection_id, resource_id, subscription_id, resource_group, type, name, repository_id, updated_at)
       SELECT $1::uuid, resource_id, $2, resource_group, type, name, repository_id, now() FROM linked
       ON CONFLICT (resource_id) DO UPDATE SET connection_id = EXCLUDED.connection_id, type = EXCLUDED.type, name = EXCLUDED.name,
              repository_id = EXCLUDED.repository_id, deleted_at = NULL, updated_at = now()
        WHERE (c.connection_id, c.type, c.name, c.repository_id, c.deleted_at) IS DISTINCT FROM (EXCLUDED.connection_id, EXCLUDED.type, EXCLUDED.name, EXCLUDED.repository_id, NULL)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM upserted)::int AS changed, (SELECT count(*) FROM linked WHERE repository_id IS NOT NULL)::int AS linked`,
    [input.connectionId, input.subscriptionId, rows.map((r) => r.id), rows.map((r) => r.group), rows.map((r) => r.type), rows.map((r) => r.name), rows.map((r) => r.platform), rows.map((r) => r.repoId), rows.map((r) => r.fullName)],
  );
  let changed = written[0]!.changed;
  if (input.complete) {
    const { rowCount } = await client.query(
      `UPDATE cloud_resource SET deleted_at = now(), updated_at = now()
        WHERE connection_id = $1 AND subscription_id = $2 AND deleted_at IS NULL
          AND lower(type) LIKE 'microsoft.security/securityconnectors%' AND NOT (resource_id = ANY($3::text[]))`,
      [input.connectionId, input.subscriptionId, rows.map((r) => r.id)],
    );
    changed += rowCount ?? 0;
  }
  return { changed, linked: written[0]!.linked };
}
