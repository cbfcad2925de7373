// The one policy. Every route, page, export and job asks `can(viewer, permission, resource)`;
// nothing else decides who sees what. Roles grant permissions; developers additionally see only
// resources inside their repository scope (lib/auth/scope.ts), which lib/data applies to every
// query as well, so a forgotten check still cannot list someone else's data.
import type { Role } from "./roles";

export const PERMISSIONS = [
  /** Scorecards, stage scores, inventory (developers: their repositories). */
  "posture.read",
  /** Finding details: titles, locations, rules, history (developers: their repositories). */
  "findings.read",
  /** Compliance reports and exports (developers: their repositories). */
  "reports.read",
  /** Sync progress, rate-limit budgets, connection health. */
  "sync.read",
  /** Add, test and remove connections; settings. */
  "connections.manage",
  /** Fix Entra user ↔ source login mappings and group ↔ team mappings by hand. */
  "identities.manage",
  /** The app's own audit trail. */
  "audit.read",
  /** Accept or suppress risk. */
  "risk.accept",
  /** Open a GitHub issue or Azure Boards item from a finding; assign a finding to someone. */
  "findings.triage",
  /** Notification rules (drift, SLA breaches, critical findings) and their delivery log. */
  "notifications.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  security_reader: ["posture.read", "findings.read", "reports.read", "sync.read", "risk.accept", "findings.triage", "notifications.manage"],
  // Reports hold what an auditor may see; finding details beyond them are not theirs.
  auditor: ["posture.read", "reports.read"],
  developer: ["posture.read", "findings.read", "reports.read", "findings.triage"],
};

/** Roles whose grants are not limited to a repository scope. */
const UNSCOPED_ROLES: readonly Role[] = ["admin", "security_reader", "auditor"];

export interface Viewer {
  userId: string;
  sessionId: string;
  tenantId: string;
  objectId: string;
  upn: string | null;
  displayName: string | null;
  roles: Role[];
  groups: string[];
  csrfToken: string;
  /** Repositories the viewer may see: "all", or ids (resolved once per request, lazily). */
  repositoryScope(): Promise<RepositoryScope>;
}

export type RepositoryScope = "all" | ReadonlySet<string>;

/** A thing that lives in a repository (a repository, a finding, an export of one); null for org-wide things. */
export interface ScopedResource {
  repositoryId: string | null;
}

/** Whether the viewer's roles grant the permission at all (before any resource scope). */
export function hasPermission(viewer: Pick<Viewer, "roles">, permission: Permission): boolean {
  return viewer.roles.some((role) => GRANTS[role].includes(permission));
}

/** Whether the viewer sees every repository, not only their own. */
export function seesAllRepositories(viewer: Pick<Viewer, "roles">): boolean {
  return viewer.roles.some((role) => UNSCOPED_ROLES.includes(role));
}

/**
 * The check. Without a resource it answers "may this person do this kind of thing"; with one,
 * also "and to this one": developers only inside their repository scope, and never to
 * resources that belong to no repository (org-wide cloud findings, for example).
 */
export async function can(viewer: Viewer | null, permission: Permission, resource?: ScopedResource): Promise<boolean> {
  if (!viewer || !hasPermission(viewer, permission)) return false;
  if (!resource || seesAllRepositories(viewer)) return true;
  if (resource.repositoryId === null) return false;
  const scope = await viewer.repositoryScope();
  return scope === "all" || scope.has(resource.repositoryId);
}

/** Where a person lands after sign-in: the page their role is for. */
export function homePath(viewer: Pick<Viewer, "roles">): string {
  if (viewer.roles.includes("admin") || viewer.roles.includes("security_reader")) return "/overview";
  if (viewer.roles.includes("auditor")) return "/reports";
  return "/my";
}
