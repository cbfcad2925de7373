// The three org-level GHAS alert streams, fetched 100 per page by following Link headers.
// Full sync: oldest first (sort=created, asc), resumable from the committed next-page URL.
// Incremental: most recently updated first, stopping once a page reaches alerts older than
// the checkpoint minus a safety overlap.
import type { GitHubClient } from "./client";
import { nextLink } from "./client";
import { mapCodeScanningAlert } from "./map-code-scanning-alert";
import { mapDependabotAlert } from "./map-dependabot-alert";
import { mapSecretScanningAlert } from "./map-secret-scanning-alert";
import type { MapResult } from "./map-result";

export interface AlertStream {
  stream: "code-scanning-alerts" | "secret-scanning-alerts" | "dependabot-alerts";
  path: string;
  map: (raw: unknown) => MapResult;
}

export const ALERT_STREAMS: AlertStream[] = [
  { stream: "code-scanning-alerts", path: "/orgs/{org}/code-scanning/alerts", map: mapCodeScanningAlert },
  { stream: "secret-scanning-alerts", path: "/orgs/{org}/secret-scanning/alerts", map: mapSecretScanningAlert },
  { stream: "dependabot-alerts", path: "/orgs/{org}/dependabot/alerts", map: mapDependabotAlert },
];

/** Alerts changed within this much before the checkpoint are read again (clock skew, races). */
export const INCREMENTAL_OVERLAP_MS = 5 * 60_000;

export interface AlertPage {
  items: unknown[];
  /** URL of the next page, or null when this was the last one to read. */
  next: string | null;
}

export type AlertFetchPlan =
  | { mode: "full"; resumeFrom: string | null }
  | { mode: "incremental"; updatedSince: Date };

function firstUrl(stream: AlertStream, org: string, plan: AlertFetchPlan): string {
  const path = stream.path.replace("{org}", encodeURIComponent(org));
  const sort = plan.mode === "full" ? "sort=created&direction=asc" : "sort=updated&direction=desc";
  return `${path}?per_page=100&${sort}`;
}

/** Pages of raw alerts in the order the plan asks for. */
export async function* fetchAlertPages(client: GitHubClient, stream: AlertStream, org: string, plan: AlertFetchPlan): AsyncGenerator<AlertPage> {
  let url: string | null = plan.mode === "full" && plan.resumeFrom ? plan.resumeFrom : firstUrl(stream, org, plan);
  const stopBefore = plan.mode === "incremental" ? plan.updatedSince.getTime() - INCREMENTAL_OVERLAP_MS : null;
  while (url) {
    const response = await client.octokit.request(`GET ${url}`);
    const items = Array.isArray(response.data) ? (response.data as unknown[]) : [];
    let next = nextLink(response.headers.link);
    if (stopBefore !== null) {
      const reachedOld = items.some((item) => {
        const updated = Date.parse(String((item as { updated_at?: unknown }).updated_at ?? (item as { created_at?: unknown }).created_at ?? ""));
        return Number.isFinite(updated) && updated < stopBefore;
      });
      if (reachedOld) next = null;
    }
    yield { items, next };
    url = next;
  }
}
