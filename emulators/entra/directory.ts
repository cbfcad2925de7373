// The emulated tenant as the identity platform sees it: which tenant path segments name it,
// the app registrations (the Rampart web app and the connectors' workload identity) with
// their credentials and redirect URIs, and who a login hint or persona choice signs in.
import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { AppRole, EntraWorld } from "../world/entra";
import type { AppCertificate } from "./app-certificate";
import type { ResourceKey } from "./scopes";

export interface Application {
  clientId: string;
  displayName: string;
  clientSecret: string;
  /** Certificates registered as key credentials (client_assertion / private_key_jwt). */
  certificates: AppCertificate[];
  /** Object id of the app's service principal in the tenant: the `oid` of its app-only tokens. */
  servicePrincipalId: string;
  /** Web apps sign users in; the workload identity has no redirect URIs. */
  signsInUsers: boolean;
  /** Application permissions (app roles) admin-consented on each resource. */
  appRoles: Partial<Record<ResourceKey, string[]>>;
}

/** What a sign-in established: the user and, when chosen on the picker, the persona. */
export interface SignedInUser {
  userIndex: number;
  personaId: string | null;
}

// Both apps may resolve group overage and read users app-only; ARM and Azure DevOps authorize
// through their own RBAC, so their tokens carry no roles, as real ones do not.
const GRAPH_APP_ROLES = ["GroupMember.Read.All", "User.Read.All"];

export function servicePrincipalId(ctx: EmulatorContext, clientId: string): string {
  return Rng.of(ctx.world.seed, "entra-service-principal", clientId).uuid();
}

export class Directory {
  readonly applications: Application[];

  constructor(
    private readonly ctx: EmulatorContext,
    certificate: AppCertificate,
  ) {
    const { app, workload } = ctx.world.entra;
    this.applications = [
      { ...app, displayName: "Rampart", certificates: [certificate], servicePrincipalId: servicePrincipalId(ctx, app.clientId), signsInUsers: true, appRoles: { graph: GRAPH_APP_ROLES } },
      { ...workload, displayName: "Rampart connectors", certificates: [], servicePrincipalId: servicePrincipalId(ctx, workload.clientId), signsInUsers: false, appRoles: { graph: GRAPH_APP_ROLES } },
    ];
  }

  get world(): EntraWorld {
    return this.ctx.world.entra;
  }

  get tenantId(): string {
    return this.world.tenantId;
  }

  /** The tenant's verified domains: those of its users' UPNs, plus the initial onmicrosoft.com one. */
  get domains(): string[] {
    const upnDomains = [...new Set(this.world.users.map((u) => u.upn.split("@")[1]!.toLowerCase()))];
    const initial = `${upnDomains[0]?.split(".")[0] ?? "rampart"}.onmicrosoft.com`;
    return [...upnDomains, initial];
  }

  /**
   * What the first path segment names: this tenant (by id or domain), or one of the
   * multi-tenant aliases; undefined for any other tenant (AADSTS90002).
   */
  tenant(segment: string): "tenant" | "common" | "organizations" | undefined {
    const s = segment.toLowerCase();
    if (s === "common" || s === "organizations") return s;
    if (s === this.tenantId.toLowerCase() || this.domains.includes(s)) return "tenant";
    return undefined;
  }

  application(clientId: string | undefined): Application | undefined {
    if (!clientId) return undefined;
    return this.applications.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  }

  /** Timing-safe secret check. */
  secretMatches(app: Application, secret: string): boolean {
    const a = Buffer.from(app.clientSecret);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * Whether `uri` is a registered redirect URI of the web app. Like Entra for loopback
   * redirect URIs, localhost and 127.0.0.1 match on any port (and here any path, because the
   * emulator cannot know where Rampart's callback lives); other https URIs must be listed in
   * RAMPART_ENTRA_REDIRECT_URIS (comma-separated) exactly.
   */
  redirectUriAllowed(app: Application, uri: string): boolean {
    if (!app.signsInUsers) return false;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    if (url.hash || url.username || url.password) return false;
    const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
    if (loopback) return url.protocol === "http:" || url.protocol === "https:";
    return url.protocol === "https:" && extraRedirectUris().includes(uri);
  }

  /** A persona id, a UPN or an object id → who signs in; undefined when nobody matches. */
  userForHint(hint: string): SignedInUser | undefined {
    const persona = this.world.personas.find((p) => p.id === hint);
    if (persona) return { userIndex: persona.userIndex, personaId: persona.id };
    const h = hint.toLowerCase();
    const userIndex = this.world.users.findIndex((u) => u.upn.toLowerCase() === h || u.objectId === h);
    return userIndex < 0 ? undefined : { userIndex, personaId: null };
  }

  userIndexOfObjectId(objectId: string): number {
    return this.world.users.findIndex((u) => u.objectId === objectId.toLowerCase());
  }

  /** App roles assigned to the user: the chosen persona's, else those of the user's persona. */
  rolesOf(who: SignedInUser): AppRole[] {
    const persona = this.world.personas.find((p) => p.id === who.personaId) ?? this.world.personas.find((p) => p.userIndex === who.userIndex);
    return persona ? [...persona.roles] : [];
  }
}

function extraRedirectUris(): string[] {
  return (process.env.RAMPART_ENTRA_REDIRECT_URIS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
