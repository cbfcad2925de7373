// Who owns a finding: a person when one is assigned in Rampart, and always a team — by default
// the team with the strongest write permission on the finding's repository (admin > maintain >
// push; ties by team name). CODEOWNERS is not consulted: the GitHub inventory does not sync it
// into repository.settings yet.
import { database } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";

export interface OwnerTeam {
  id: string;
  slug: string;
  name: string;
  organizationLogin: string;
  /** The permission that made it the owner. */
  permission: "admin" | "maintain" | "push";
}

export interface FindingOwner {
  findingId: string;
  team: OwnerTeam | null;
  /** The assignee (UPN or source login) when someone was assigned in Rampart. */
  person: string | null;
}

interface OwnerRow {
  finding_id: string;
  assignee: string | null;
  team_id: string | null;
  slug: string | null;
  name: string | null;
  org_login: string | null;
  permission: OwnerTeam["permission"] | null;
}

const IDS = /^\d{1,19}$/;

/** The owner of each finding, in one query (unknown ids are left out of the map). */
export async function ownerOf(findingIds: string[]): Promise<Map<string, FindingOwner>> {
  const ids = [...new Set(findingIds)].filter((id) => IDS.test(id));
  if (ids.length === 0) return new Map();
  const { rows } = await database().pool.query<OwnerRow>(
    `SELECT f.id::text AS finding_id, f.assignee, owner.team_id, owner.slug, owner.name, owner.org_login, owner.permission
       FROM finding f
       LEFT JOIN LATERAL (
         SELECT t.id::text AS team_id, t.slug, t.name, o.login AS org_login, tr.permission
           FROM team_repository tr
           JOIN team t ON t.id = tr.team_id AND t.deleted_at IS NULL
           JOIN organization o ON o.id = t.organization_id
          WHERE tr.repository_id = f.repository_id AND tr.permission IN ('admin', 'maintain', 'push')
          ORDER BY CASE tr.permission WHEN 'admin' THEN 0 WHEN 'maintain' THEN 1 ELSE 2 END, lower(t.name), t.id
          LIMIT 1
       ) owner ON true
      WHERE f.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.finding_id,
      {
        findingId: r.finding_id,
        person: r.assignee,
        team: r.team_id ? { id: r.team_id, slug: r.slug!, name: r.name!, organizationLogin: r.org_login!, permission: r.permission! } : null,
      },
    ]),
  );
}

/** Assigns a finding to a person (UPN or source login), or clears it with null. */
export async function assignFinding(findingId: string, assignee: string | null): Promise<void> {
  if (!IDS.test(findingId)) throw new ValidationError("Finding ids are numbers.");
  const value = assignee?.trim() || null;
  if (value && value.length > 320) throw new ValidationError("The assignee is too long.");
  const result = await database().pool.query("UPDATE finding SET assignee = $2, updated_at = now() WHERE id = $1::bigint AND assignee IS DISTINCT FROM $2", [findingId, value]);
  if (result.rowCount === 0) {
    const exists = await database().pool.query("SELECT 1 FROM finding WHERE id = $1::bigint", [findingId]);
    if (exists.rowCount === 0) throw new NotFoundError("Finding not found.");
  }
}

export interface AssignedFinding {
  id: string;
  title: string;
  severity: string;
  state: string;
  assignee: string;
  repositoryId: string | null;
  repositoryFullName: string | null;
  firstSeenAt: Date;
}

/**
 * Findings assigned to a person — by UPN, or by any source login linked to that UPN — worst
 * first. Open ones by default. The caller scopes by viewer (lib/auth policy) as for any list.
 */
export async function findingsAssignedTo(upnOrLogin: string, options: { states?: string[]; limit?: number } = {}): Promise<AssignedFinding[]> {
  const who = upnOrLogin.trim();
  if (!who) return [];
  const { rows } = await database().pool.query<AssignedFinding>(
    `SELECT f.id::text AS id, f.title, f.severity::text AS severity, f.state::text AS state, f.assignee,
            f.repository_id::text AS "repositoryId", r.full_name AS "repositoryFullName", f.first_seen_at AS "firstSeenAt"
       FROM finding f
       LEFT JOIN repository r ON r.id = f.repository_id
      WHERE f.state::text = ANY($2::text[])
        AND lower(f.assignee) IN (
              SELECT lower($1) UNION SELECT lower(il.login) FROM identity_link il WHERE lower(il.entra_upn) = lower($1))
      ORDER BY f.severity, f.id DESC
      LIMIT $3`,
    [who, options.states ?? ["open"], Math.min(Math.max(options.limit ?? 200, 1), 1000)],
  );
  return rows;
}
