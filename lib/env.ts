// Rampart's configuration, parsed once at first use. Every setting is documented in the
// README's configuration table; anything not listed here is not read.
import { z } from "zod";

const optionalUrl = z.string().trim().url().optional();

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A PostgreSQL URL (optionally `?schema=`). Unset: the embedded database is used. */
  DATABASE_URL: optionalUrl.optional(),
  /** Pool size per process. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Connections reserved for sync-stream locks (one per stream a worker runs at once). */
  DATABASE_LOCK_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),
  /** Public origin of the app, e.g. https://rampart.example.com; decides Secure cookies and HSTS. */
  RAMPART_ORIGIN: optionalUrl.optional(),
  /** Where the embedded database keeps its files. */
  RAMPART_DATA_DIR: z.string().default(".rampart"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How often the worker's schedule runs incremental syncs. */
  RAMPART_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(59).default(15),
  /** When the nightly full sync runs (cron, server time). */
  RAMPART_FULL_SYNC_CRON: z.string().default("0 2 * * *"),
  /**
   * 32-byte key (base64 or 64 hex digits) that seals secrets admins paste into Rampart
   * (notification webhook URLs and signing secrets) with AES-256-GCM. Without it such rules cannot be saved.
   */
  RAMPART_SECRET_KEY: z
    .string()
    .trim()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32, "must be 32 bytes, as base64 or 64 hex digits")
    .optional(),
  /** Secret GitHub signs webhook deliveries with; webhooks answer 503 without it. */
  GITHUB_WEBHOOK_SECRET: z.string().min(16).optional(),

  // ── Sign-in (Microsoft Entra ID) ──
  /** Authority URL: https://login.microsoftonline.com/<tenant id> (single tenant) or …/organizations. */
  ENTRA_AUTHORITY: optionalUrl.optional(),
  /** The Rampart app registration's client id. */
  ENTRA_CLIENT_ID: z.string().optional(),
  /** Client secret, or a reference to it (`env:NAME`, `file:/path`) so it stays out of the process list. */
  ENTRA_CLIENT_SECRET: z.string().optional(),
  /** Comma-separated hosts MSAL may trust without instance discovery (sovereign clouds, the emulator). */
  ENTRA_KNOWN_AUTHORITIES: z.string().optional(),
  /** Comma-separated tenant ids allowed to sign in; defaults to the authority's tenant. Required for multi-tenant authorities. */
  ENTRA_ALLOWED_TENANTS: z.string().optional(),
  /** Microsoft Graph base, for resolving group overage. */
  GRAPH_BASE_URL: z.string().trim().url().default("https://graph.microsoft.com"),
  /** Sign-out after this long without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  /** Sign-out this long after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Forgets the parsed environment so the next env() reads process.env again (tests, reloads). */
export function reloadEnv(): void {
  cached = undefined;
}

/** The parsed environment. Throws one readable error listing every bad setting. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable (FOO= in a shell or .env file) means "not set", not "zero" or "".
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}
