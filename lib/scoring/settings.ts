// Scoring settings: SLA targets per severity, the secure-score threshold and the audit window.
// Stored in the `setting` table (one key each, JSON values) so an admin can change them without
// a deploy; a missing or malformed value falls back to the documented default.
import { z } from "zod";
import { log } from "../http/log";

export const SCORING_SETTING_KEYS = {
  slaDays: "scoring.sla_days",
  secureScoreThreshold: "scoring.secure_score_threshold",
  codeScanningFreshDays: "scoring.code_scanning_fresh_days",
  auditWindowDays: "scoring.audit_window_days",
  expectedPatCreators: "scoring.expected_pat_creators",
  serviceConnectionsPerWindow: "scoring.service_connections_per_window",
} as const;

const SlaDays = z.object({ critical: z.number().positive(), high: z.number().positive(), medium: z.number().positive(), low: z.number().positive() });

export const DEFAULT_SCORING_SETTINGS = {
  /** Days a finding of each severity may stay open before it breaches its SLA (info has none). */
  slaDays: { critical: 7, high: 30, medium: 90, low: 180 },
  /** Defender secure score, percent, at or above which "secure score ≥ threshold" passes. */
  secureScoreThreshold: 70,
  /** Code scanning counts as running when its newest result is at most this many days old. */
  codeScanningFreshDays: 30,
  /** The look-back window of audit-log controls (bypasses, tokens, service connections). */
  auditWindowDays: 30,
  /** UPNs (lower-case) whose personal access token creation is expected, e.g. service accounts. */
  expectedPatCreators: [] as string[],
  /** New service connections per project within the audit window before it counts as sprawl. */
  serviceConnectionsPerWindow: 3,
};

export type ScoringSettings = typeof DEFAULT_SCORING_SETTINGS;
export type SlaDays = z.infer<typeof SlaDays>;

const SCHEMAS: { [K in keyof ScoringSettings]: z.ZodType<ScoringSettings[K]> } = {
  slaDays: SlaDays,
  secureScoreThreshold: z.number().min(0).max(100),
  codeScanningFreshDays: z.number().int().positive(),
  auditWindowDays: z.number().int().positive().max(90),
  expectedPatCreators: z.array(z.string().transform((s) => s.toLowerCase())),
  serviceConnectionsPerWindow: z.number().int().min(0),
};

/** Merges stored values over the defaults; a bad stored value is logged and ignored. */
export function scoringSettingsFrom(stored: ReadonlyMap<string, unknown>): ScoringSettings {
  const settings = structuredClone(DEFAULT_SCORING_SETTINGS);
  for (const name of Object.keys(SCORING_SETTING_KEYS) as (keyof ScoringSettings)[]) {
    const key = SCORING_SETTING_KEYS[name];
    if (!stored.has(key)) continue;
    const parsed = SCHEMAS[name].safeParse(stored.get(key));
    if (parsed.success) (settings as Record<string, unknown>)[name] = parsed.data;
    else log("warn", "scoring setting ignored: invalid value", { key, error: parsed.error.issues[0]?.message });
  }
  return settings;
}

/** Reads the scoring settings from the `setting` table. */
export async function loadScoringSettings(query: (sql: string, params: unknown[]) => Promise<{ rows: { key: string; value: unknown }[] }>): Promise<ScoringSettings> {
  const { rows } = await query(`SELECT key, value FROM setting WHERE key = ANY($1::text[])`, [Object.values(SCORING_SETTING_KEYS)]);
  return scoringSettingsFrom(new Map(rows.map((r) => [r.key, r.value])));
}

/** SLA days as a severity-ordered array for SQL (critical, high, medium, low; info never breaches). */
export const slaDaysArray = (sla: SlaDays): number[] => [sla.critical, sla.high, sla.medium, sla.low];
