// The real GitHub clients Rampart uses, pointed at the emulator: @octokit/core with the
// paginate, throttling and retry plugins, plus a plain fetch helper that checks every response
// against GitHub's schema for its operation.
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { expect } from "vitest";
import type { RunningEmulators } from "../../start";
import { restErrors } from "./openapi";

export const GitHubClient = Octokit.plugin(paginateRest, throttling, retry);
export type GitHubClient = InstanceType<typeof GitHubClient>;

export interface ThrottleLog {
  primary: number[];
  secondary: number[];
}

/** A client as Rampart builds one; it records the throttling plugin's callbacks in `log`. */
export function client(running: RunningEmulators, token = running.endpoints.githubToken, log: ThrottleLog = { primary: [], secondary: [] }, retries = 1): GitHubClient {
  return new GitHubClient({
    baseUrl: running.endpoints.github,
    auth: token,
    throttle: {
      onRateLimit: (retryAfter: number) => {
        log.primary.push(retryAfter);
        return log.primary.length <= retries;
      },
      onSecondaryRateLimit: (retryAfter: number) => {
        log.secondary.push(retryAfter);
        return log.secondary.length <= retries;
      },
    },
    retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
  });
}

export interface Fetched {
  status: number;
  headers: Headers;
  body: unknown;
}

/** GET `url` (a path or a full URL) with the token; the raw result, unchecked. */
export async function get(running: RunningEmulators, url: string, token: string | null = running.endpoints.githubToken): Promise<Fetched> {
  const response = await fetch(url.startsWith("https://") ? url : `${running.endpoints.github}${url}`, {
    headers: { accept: "application/vnd.github+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

/** GET and assert the status and that the body matches GitHub's schema for `specPath`. */
export async function getChecked(running: RunningEmulators, url: string, specPath: string, status = 200, token?: string | null): Promise<Fetched> {
  const result = await get(running, url, token);
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(restErrors("GET", specPath, status, result.body), `${url} → ${status} vs ${specPath}`).toEqual([]);
  return result;
}

/** The rel → URL pairs of a Link header. */
export function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(",") ?? []) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part);
    if (match) out[match[2]!] = match[1]!;
  }
  return out;
}
