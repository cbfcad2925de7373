// Secure score and secure score controls → rows of the subscription's score history. The
// overall score keeps Defender's name ("ascScore"); a control is named by its display name
// (what people read on a trend chart; built-in control names are unique), its ARM name kept
// as controlId.
import { describeIssues } from "../github/map-result";
import { armReference } from "./normalize";
import { SecureScoreControlSchema, SecureScoreSchema } from "./schemas";

export interface SecureScoreRow {
  scoreName: string;
  /** The control's ARM name (a GUID), null for the overall score. */
  controlId: string | null;
  current: number;
  max: number;
  /** 0..1, as Defender reports it. */
  percentage: number;
  weight: number | null;
}

export type ScoreMapResult = { ok: true; row: SecureScoreRow } | { ok: false; reference: string; error: string };

const percentageOf = (current: number, max: number, reported: number | null | undefined) => reported ?? (max > 0 ? Math.round((current / max) * 10_000) / 10_000 : 0);

export function mapSecureScore(raw: unknown): ScoreMapResult {
  const parsed = SecureScoreSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const { name, properties } = parsed.data;
  const { current, max, percentage } = properties.score;
  return { ok: true, row: { scoreName: name, controlId: null, current, max, percentage: percentageOf(current, max, percentage), weight: properties.weight ?? null } };
}

export function mapSecureScoreControl(raw: unknown): ScoreMapResult {
  const parsed = SecureScoreControlSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: armReference(raw), error: describeIssues(parsed.error) };
  const { name, properties } = parsed.data;
  const { current, max, percentage } = properties.score;
  return {
    ok: true,
    row: { scoreName: properties.displayName || name, controlId: name, current, max, percentage: percentageOf(current, max, percentage), weight: properties.weight ?? null },
  };
}
