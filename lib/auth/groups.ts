// The person's Entra groups. Tokens carry at most 200 ids in `groups`; past that Entra leaves the
// claim out and sets `_claim_names.groups` (overage), and the app must ask Microsoft Graph. We
// ask with the app's own identity (application permission GroupMember.Read.All), not the
// person's token, so sign-in does not need extra delegated consent.
import { log } from "../http/log";
import type { EntraConfig } from "./entra-config";
import type { ConfidentialClientApplication } from "@azure/msal-node";

export class GroupResolutionError extends Error {
  constructor(why: string) {
    super(`Could not read your group memberships from Microsoft Graph: ${why}`);
    this.name = "GroupResolutionError";
  }
}

/** Whether the claims signal group overage. */
export function hasGroupOverage(claims: Record<string, unknown>): boolean {
  const names = claims._claim_names;
  return typeof names === "object" && names !== null && "groups" in names;
}

/** The `groups` claim as strings (empty when absent). */
export function groupsFromClaim(claims: Record<string, unknown>): string[] {
  return Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === "string") : [];
}

/** All group ids of the user, from Graph (getMemberObjects: transitive, no paging). */
export async function groupsFromGraph(app: ConfidentialClientApplication, config: EntraConfig, objectId: string): Promise<string[]> {
  const token = await app.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
  if (!token?.accessToken) throw new GroupResolutionError("no Graph token");
  const response = await fetch(`${config.graphBaseUrl}/v1.0/users/${encodeURIComponent(objectId)}/getMemberObjects`, {
    method: "POST",
    headers: { authorization: `Bearer ${token.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ securityEnabledOnly: false }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) {
    log("warn", "graph group overage lookup failed", { status: response.status });
    throw new GroupResolutionError(`Graph answered ${response.status}`);
  }
  const body = (await response.json()) as { value?: unknown };
  if (!Array.isArray(body.value)) throw new GroupResolutionError("unexpected response");
  return body.value.filter((v): v is string => typeof v === "string");
}
