// The `setting` rows notifications read and write: SLA targets (shared with scoring), the
// private-address allow-list, and the job's high-water mark.
import { z } from "zod";
import { database } from "../db";
import { log } from "../http/log";
import { ALLOWED_PRIVATE_TARGETS_SETTING, AllowedPrivateTargets, type TargetPolicy } from "./target-policy";

/**
 * Days a finding of each severity may stay open. The scoring engine owns this key
 * (lib/scoring/settings.ts, "scoring.sla_days"); it is read here by key, not imported, so the
 * two agree on the value without notifications depending on scoring's code.
 */
export const SLA_SETTING = "scoring.sla_days";
export const DEFAULT_SLA_DAYS = { critical: 7, high: 30, medium: 90, low: 180 };
const SlaDays = z.object({ critical: z.number().positive(), high: z.number().positive(), medium: z.number().positive(), low: z.number().positive() });
export type SlaDays = z.infer<typeof SlaDays>;

/** Where the notify job keeps how far it has evaluated. */
export const STATE_SETTING = "notifications.state";
const NotifyState = z.object({ evaluatedThrough: z.iso.datetime() });

async function readSetting(key: string): Promise<unknown> {
  const row = await database().prisma.setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value;
}

/** SLA days per severity, the defaults when unset or malformed. */
export async function loadSlaDays(): Promise<SlaDays> {
  const stored = await readSetting(SLA_SETTING);
  if (stored === undefined) return DEFAULT_SLA_DAYS;
  const parsed = SlaDays.safeParse(stored);
  if (parsed.success) return parsed.data;
  log("warn", "SLA setting ignored: invalid value", { key: SLA_SETTING });
  return DEFAULT_SLA_DAYS;
}

/** The delivery address policy, with the admin's allow-list of private targets. */
export async function loadTargetPolicy(): Promise<TargetPolicy> {
  const parsed = AllowedPrivateTargets.safeParse((await readSetting(ALLOWED_PRIVATE_TARGETS_SETTING)) ?? []);
  if (!parsed.success) log("warn", "allow-list setting ignored: invalid value", { key: ALLOWED_PRIVATE_TARGETS_SETTING });
  return { allowPrivate: parsed.success ? parsed.data : [] };
}

/** Replaces the private-target allow-list (hosts, IPs, CIDR blocks). */
export async function setAllowedPrivateTargets(entries: string[], updatedBy: string): Promise<void> {
  const value = AllowedPrivateTargets.parse(entries);
  await database().prisma.setting.upsert({ where: { key: ALLOWED_PRIVATE_TARGETS_SETTING }, create: { key: ALLOWED_PRIVATE_TARGETS_SETTING, value, updatedBy }, update: { value, updatedBy } });
}

/** The instant up to which events were evaluated by the last successful run, if any. */
export async function loadEvaluatedThrough(): Promise<Date | null> {
  const parsed = NotifyState.safeParse(await readSetting(STATE_SETTING));
  return parsed.success ? new Date(parsed.data.evaluatedThrough) : null;
}
