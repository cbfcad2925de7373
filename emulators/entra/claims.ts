// The tokens the emulator issues, claim by claim as v2.0 tokens carry them. All are signed by
// the shared Entra key through core/entra-tokens, so ARM, Azure DevOps and Graph accept them.
import { createHash, randomBytes } from "node:crypto";
import type { JWTPayload } from "jose";
import type { EmulatorContext } from "../core/context";
import { signEntraToken } from "../core/entra-tokens";
import { GROUPS_OVERAGE_LIMIT, groupsOf } from "../world/entra";
import type { Authentication } from "./codes";
import type { Application, Directory } from "./directory";
import type { DelegatedScopes, Resource } from "./scopes";

export const ID_TOKEN_LIFETIME_S = 3600;
export const APP_TOKEN_LIFETIME_S = 3599;

/** How the client proved itself: "1" a secret, "2" a certificate (azpacr/appidacr). */
export type ClientAuthMethod = "secret" | "certificate";

/** Microsoft Graph as this emulator serves it: `<entra base>/graph`, then `/v1.0/...`. */
export function graphBase(ctx: EmulatorContext): string {
  return `${ctx.urls.entra}/graph`;
}

/** `sub` is pairwise: stable per (user, app), different across apps, as Entra's is. */
function pairwiseSubject(objectId: string, clientId: string): string {
  return createHash("sha256").update(`${objectId}:${clientId}`).digest("base64url").slice(0, 43);
}

/** Entra's per-token noise (aio, rh, uti): opaque, random, present in every real token. */
function noise(): JWTPayload {
  return { aio: randomBytes(48).toString("base64url"), rh: `1.A${randomBytes(36).toString("base64url")}.`, uti: randomBytes(16).toString("base64url") };
}

/**
 * The `groups` claim, or — past GROUPS_OVERAGE_LIMIT — the overage form pointing at Graph.
 * (Real Entra still names the retired graph.windows.net there; clients are told to ignore the
 * endpoint and call Microsoft Graph, which is what this one points at.)
 */
export function groupsClaims(ctx: EmulatorContext, directory: Directory, userIndex: number): JWTPayload {
  const groups = groupsOf(directory.world, userIndex);
  if (groups.length <= GROUPS_OVERAGE_LIMIT) return groups.length > 0 ? { groups } : {};
  const oid = directory.world.users[userIndex]!.objectId;
  return {
    _claim_names: { groups: "src1" },
    _claim_sources: { src1: { endpoint: `${graphBase(ctx)}/v1.0/users/${oid}/getMemberObjects` } },
  };
}

function rolesClaim(directory: Directory, user: Authentication): JWTPayload {
  const roles = directory.rolesOf(user);
  // Entra leaves `roles` out when no app role is assigned.
  return roles.length > 0 ? { roles } : {};
}

export async function signIdToken(ctx: EmulatorContext, directory: Directory, app: Application, user: Authentication, nonce: string | undefined): Promise<string> {
  const person = directory.world.users[user.userIndex]!;
  return signEntraToken(
    ctx,
    {
      aud: app.clientId,
      sub: pairwiseSubject(person.objectId, app.clientId),
      oid: person.objectId,
      name: person.displayName,
      preferred_username: person.upn,
      ...(nonce ? { nonce } : {}),
      ...rolesClaim(directory, user),
      ...groupsClaims(ctx, directory, user.userIndex),
      ...noise(),
    },
    ID_TOKEN_LIFETIME_S,
  );
}

/** A delegated access token for `scopes.resource`, acting for the user through `app`. */
export async function signUserAccessToken(
  ctx: EmulatorContext,
  directory: Directory,
  app: Application,
  user: Authentication,
  scopes: DelegatedScopes,
  method: ClientAuthMethod,
  lifetimeSeconds: number,
): Promise<string> {
  const person = directory.world.users[user.userIndex]!;
  const [given, ...family] = person.displayName.split(" ");
  const ownApi = scopes.resource.key === "app";
  return signEntraToken(
    ctx,
    {
      aud: scopes.resource.audience,
      sub: pairwiseSubject(person.objectId, app.clientId),
      oid: person.objectId,
      azp: app.clientId,
      azpacr: method === "secret" ? "1" : "2",
      appid: app.clientId,
      appidacr: method === "secret" ? "1" : "2",
      app_displayname: app.displayName,
      idtyp: "user",
      amr: ["pwd"],
      auth_time: user.authTime,
      name: person.displayName,
      given_name: given,
      family_name: family.join(" "),
      preferred_username: person.upn,
      upn: person.upn,
      unique_name: person.upn,
      scp: scopes.granted.join(" "),
      // App roles and groups belong to tokens for the app's own API, not to Graph's or ARM's.
      ...(ownApi ? { ...rolesClaim(directory, user), ...groupsClaims(ctx, directory, user.userIndex) } : {}),
      ...noise(),
    },
    lifetimeSeconds,
  );
}

/** An app-only token (client credentials) for `resource`. */
export async function signAppAccessToken(ctx: EmulatorContext, app: Application, resource: Resource, method: ClientAuthMethod): Promise<string> {
  const roles = app.appRoles[resource.key] ?? [];
  return signEntraToken(
    ctx,
    {
      aud: resource.audience,
      sub: app.servicePrincipalId,
      oid: app.servicePrincipalId,
      azp: app.clientId,
      azpacr: method === "secret" ? "1" : "2",
      appid: app.clientId,
      appidacr: method === "secret" ? "1" : "2",
      app_displayname: app.displayName,
      idtyp: "app",
      ...(roles.length > 0 ? { roles } : {}),
      ...noise(),
    },
    APP_TOKEN_LIFETIME_S,
  );
}

/** client_info: base64url of `{ uid, utid }`, which MSAL builds its account ids from. */
export function clientInfo(directory: Directory, userIndex: number): string {
  const uid = directory.world.users[userIndex]!.objectId;
  return Buffer.from(JSON.stringify({ uid, utid: directory.tenantId })).toString("base64url");
}

/** Delegated access tokens live 60–90 minutes, varied per token as Entra varies them. */
export function userTokenLifetime(): number {
  return 3600 + Math.floor(Math.random() * 1800);
}
