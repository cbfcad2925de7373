// Where things live. The emulator serves the API at its base URL and, like GHES without the
// /api/v3 prefix, gives web (html_url) links on the same host.
import type { EmulatorContext } from "../../core/context";

export const apiBase = (ctx: EmulatorContext): string => ctx.urls.github;
export const webBase = (ctx: EmulatorContext): string => ctx.urls.github;
export const hostOf = (ctx: EmulatorContext): string => new URL(ctx.urls.github).host;

/** GitHub's timestamps: ISO 8601 in UTC without milliseconds ("2026-10-31T08:15:02Z"). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
