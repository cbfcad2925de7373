// Rampart's roles and the Entra app roles that grant them. Anyone who signs in without an app
// role is a developer: they see only the repositories they can reach on the source.
export const ROLES = ["admin", "security_reader", "auditor", "developer"] as const;
export type Role = (typeof ROLES)[number];

/** App role values as defined on the Entra app registration (the `roles` claim). */
export const APP_ROLE_VALUES: Record<string, Exclude<Role, "developer">> = {
  "Rampart.Admin": "admin",
  "Rampart.SecurityReader": "security_reader",
  "Rampart.Auditor": "auditor",
};

/** The roles a `roles` claim grants; unknown values are ignored, none means developer. */
export function rolesFromClaim(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === "string") : [];
  const roles = [...new Set(values.map((v) => APP_ROLE_VALUES[v]).filter((r): r is Exclude<Role, "developer"> => r !== undefined))];
  return roles.length > 0 ? roles.sort() : ["developer"];
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  security_reader: "Security reader",
  auditor: "Auditor",
  developer: "Developer",
};
