// Sign-in configuration, from the environment. Real Entra ID and the emulator differ only here:
// the authority URL, the known authorities (which let MSAL skip instance discovery for hosts
// other than Microsoft's) and the Graph base URL.
import { env } from "../env";
import { resolveSecret } from "../sources/secrets";

export interface EntraConfig {
  authority: string;
  clientId: string;
  clientSecret: string;
  knownAuthorities: string[];
  /** Tenant ids whose people may sign in (the `tid` claim must be one of them). */
  allowedTenants: string[];
  graphBaseUrl: string;
}

export class SignInNotConfiguredError extends Error {
  constructor(why: string) {
    super(`Sign-in is not configured: ${why}`);
    this.name = "SignInNotConfiguredError";
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whether the environment names an app registration at all (the sign-in page says so when not). */
export function signInConfigured(): boolean {
  const settings = env();
  return Boolean(settings.ENTRA_AUTHORITY && settings.ENTRA_CLIENT_ID && settings.ENTRA_CLIENT_SECRET);
}

let cached: Promise<EntraConfig> | undefined;

/** Forgets the loaded configuration (after reloadEnv, in tests). */
export function resetEntraConfig(): void {
  cached = undefined;
}

/** The configuration, or SignInNotConfiguredError saying what is missing. */
export function entraConfig(): Promise<EntraConfig> {
  cached ??= loadEntraConfig().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function loadEntraConfig(): Promise<EntraConfig> {
  const settings = env();
  if (!settings.ENTRA_AUTHORITY) throw new SignInNotConfiguredError("ENTRA_AUTHORITY is not set");
  if (!settings.ENTRA_CLIENT_ID) throw new SignInNotConfiguredError("ENTRA_CLIENT_ID is not set");
  if (!settings.ENTRA_CLIENT_SECRET) throw new SignInNotConfiguredError("ENTRA_CLIENT_SECRET is not set");
  const authority = settings.ENTRA_AUTHORITY.replace(/\/+$/, "");
  const tenantSegment = new URL(authority).pathname.split("/").filter(Boolean).pop() ?? "";
  const allowedTenants = list(settings.ENTRA_ALLOWED_TENANTS).map((t) => t.toLowerCase());
  if (allowedTenants.length === 0) {
    // A single-tenant authority names its tenant; anything else (organizations, common, a
    // domain name) must say explicitly whose people may come in.
    if (!GUID.test(tenantSegment)) throw new SignInNotConfiguredError("ENTRA_ALLOWED_TENANTS is required when ENTRA_AUTHORITY does not name a tenant id");
    allowedTenants.push(tenantSegment.toLowerCase());
  }
  const secret = settings.ENTRA_CLIENT_SECRET;
  const clientSecret = secret.startsWith("env:") || secret.startsWith("file:") ? await resolveSecret(secret) : secret;
  return {
    authority,
    clientId: settings.ENTRA_CLIENT_ID,
    clientSecret,
    knownAuthorities: list(settings.ENTRA_KNOWN_AUTHORITIES),
    allowedTenants,
    graphBaseUrl: settings.GRAPH_BASE_URL.replace(/\/+$/, ""),
  };
}
