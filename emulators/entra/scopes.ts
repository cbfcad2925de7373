// Scopes as the v2.0 endpoint reads them: OIDC scopes, then scopes of exactly one resource
// (`<resource>/<name>`, a bare name meaning Microsoft Graph, `<resource>/.default` meaning
// "everything consented"). The resource decides the access token's audience.
import { AUDIENCES, audienceForScope } from "../core/entra-tokens";
import { aadsts } from "./errors";

export type ResourceKey = "graph" | "arm" | "azureDevOps" | "app";

export interface Resource {
  key: ResourceKey;
  /** Identifiers a scope may name the resource by (compared case-insensitively, no trailing slash). */
  identifiers: string[];
  /** The access token's `aud`. */
  audience: string;
  /** How granted scopes are written back in the token response. */
  prefix: string;
  /** Delegated permissions the tenant has consented to for the web app. */
  delegated: string[];
  /** What `.default` (or no resource scope at all, for Graph) grants. */
  defaults: string[];
}

export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

const GRAPH = "https://graph.microsoft.com";
const ARM = "https://management.azure.com";
const AZURE_DEVOPS = AUDIENCES.azureDevOps[0];

function resources(webClientId: string): Resource[] {
  return [
    {
      key: "graph",
      identifiers: [GRAPH, "00000003-0000-0000-c000-000000000000"],
      audience: audienceForScope(`${GRAPH}/.default`),
      prefix: "",
      delegated: ["User.Read", "User.ReadBasic.All", "GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"],
      defaults: ["User.Read", "GroupMember.Read.All"],
    },
    {
      key: "arm",
      identifiers: [ARM, "https://management.core.windows.net", "797f4846-ba00-4fd7-ba43-dac1f8f63013"],
      audience: audienceForScope(`${ARM}/.default`),
      prefix: `${ARM}/`,
      delegated: ["user_impersonation"],
      defaults: ["user_impersonation"],
    },
    {
      key: "azureDevOps",
      identifiers: [AZURE_DEVOPS, "https://app.vssps.visualstudio.com"],
      audience: audienceForScope(`${AZURE_DEVOPS}/.default`),
      prefix: `${AZURE_DEVOPS}/`,
      delegated: ["user_impersonation"],
      defaults: ["user_impersonation"],
    },
    {
      // The web app's own API (api://<client id>): tokens for it carry app roles and groups.
      key: "app",
      identifiers: [`api://${webClientId}`, webClientId],
      audience: webClientId,
      prefix: `api://${webClientId}/`,
      delegated: ["access_as_user"],
      defaults: ["access_as_user"],
    },
  ];
}

function findResource(all: Resource[], identifier: string): Resource | undefined {
  const id = identifier.replace(/\/+$/, "").toLowerCase();
  return all.find((r) => r.identifiers.some((i) => i.toLowerCase() === id));
}

export interface DelegatedScopes {
  oidc: OidcScope[];
  resource: Resource;
  /** Permission names granted on the resource (unprefixed). */
  granted: string[];
}

function splitScope(scope: string | undefined): string[] {
  return (scope ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Reads a user-flow scope parameter. With no resource scope at all the token is for Graph,
 * as Entra does for `openid profile offline_access`. Throws AADSTS errors as Entra words them.
 */
export function parseDelegatedScopes(scope: string | undefined, webClientId: string, tenant: string): DelegatedScopes {
  const parts = splitScope(scope);
  if (parts.length === 0) throw aadsts.missingParameter("scope");
  const all = resources(webClientId);
  const oidc = new Set<OidcScope>();
  let resource: Resource | undefined;
  const names = new Set<string>();
  for (const part of parts) {
    const lower = part.toLowerCase();
    if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
      oidc.add(lower as OidcScope);
      continue;
    }
    const slash = part.lastIndexOf("/");
    const identifier = slash < 0 ? GRAPH : part.slice(0, slash);
    const name = slash < 0 ? part : part.slice(slash + 1);
    const found = findResource(all, identifier);
    if (!found) throw aadsts.resourceNotFound(identifier, tenant);
    if (resource && resource !== found) throw aadsts.moreThanOneResource(scope ?? "");
    resource = found;
    if (name === ".default") {
      found.defaults.forEach((n) => names.add(n));
      continue;
    }
    const known = found.delegated.find((d) => d.toLowerCase() === name.toLowerCase());
    if (!known) throw aadsts.invalidScope(part);
    names.add(known);
  }
  const target = resource ?? all[0]!;
  return { oidc: [...oidc], resource: target, granted: names.size > 0 ? [...names] : [...target.defaults] };
}

/** Client-credentials scope: exactly `<resource>/.default`. */
export function parseAppScope(scope: string | undefined, webClientId: string, tenant: string): Resource {
  const parts = splitScope(scope);
  if (parts.length === 0) throw aadsts.missingParameter("scope");
  const resourcesNamed = new Set<Resource>();
  for (const part of parts) {
    if (!part.endsWith("/.default")) throw aadsts.clientCredentialsNeedDefault(part);
    const identifier = part.slice(0, -"/.default".length);
    const found = findResource(resources(webClientId), identifier);
    if (!found) throw aadsts.resourceNotFound(identifier, tenant);
    resourcesNamed.add(found);
  }
  if (resourcesNamed.size > 1) throw aadsts.moreThanOneResource(scope ?? "");
  return [...resourcesNamed][0]!;
}

/** The `scope` of a token response: granted permissions (prefixed outside Graph) and OIDC scopes. */
export function grantedScopeString(scopes: DelegatedScopes): string {
  const permissions = scopes.granted.map((n) => `${scopes.resource.prefix}${n}`);
  return [...permissions, ...scopes.oidc].join(" ");
}
