// An Octokit for one GitHub org: App installation tokens (preferred) or a fine-grained token,
// GitHub.com or GHES, with throttling (primary and secondary limits honoured), retries with
// backoff for transient failures, and request accounting for sync runs.
import { Octokit } from "@octokit/core";
import { createAppAuth } from "@octokit/auth-app";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { log } from "../../http/log";

const RampartOctokit = Octokit.plugin(paginateRest, throttling, retry);
export type GitHubOctokit = InstanceType<typeof RampartOctokit>;

/** Installation-token cache shared by clients of one installation, so each stream's client does not mint its own token. */
export interface TokenCache {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): unknown;
}

export type GitHubAuth =
  | { kind: "app"; appId: number | string; privateKey: string; installationId: number; cache?: TokenCache }
  | { kind: "token"; token: string };

/** A small in-memory token cache (tokens live an hour; entries are few). */
export function memoryTokenCache(): TokenCache {
  const entries = new Map<string, string>();
  return { get: (key) => entries.get(key), set: (key, value) => entries.set(key, value) };
}

export interface GitHubClientOptions {
  /** REST base URL: https://api.github.com, https://ghes.example.com/api/v3, or an emulator. */
  baseUrl: string;
  auth: GitHubAuth;
  /** How many times a rate-limited or failing request is retried before the page fails. */
  maxRetries?: number;
}

export interface RequestMeter {
  requests: number;
  rateLimitRemaining: number | null;
  /** The server's clock (Date header) at the first response: checkpoints use the source's time. */
  firstServerDate: Date | null;
}

export interface GitHubClient {
  octokit: GitHubOctokit;
  /** This client's requests only: give each concurrent stream its own client. */
  meter: RequestMeter;
}

/** Builds the client. Nothing is requested until the first call. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? 6;
  const meter: RequestMeter = { requests: 0, rateLimitRemaining: null, firstServerDate: null };
  const auth =
    options.auth.kind === "app"
      ? {
          authStrategy: createAppAuth,
          auth: { appId: options.auth.appId, privateKey: options.auth.privateKey, installationId: options.auth.installationId, ...(options.auth.cache ? { cache: options.auth.cache } : {}) },
        }
      : { auth: options.auth.token };
  const octokit = new RampartOctokit({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    userAgent: "rampart-posture",
    ...auth,
    throttle: {
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log("warn", "github primary rate limit", { url: request.url, retryAfter, retryCount });
        return retryCount < maxRetries;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        log("warn", "github secondary rate limit", { url: request.url, retryAfter, retryCount });
        return retryCount < maxRetries;
      },
    },
    retry: { retries: maxRetries },
  });
  const observe = (headers: Record<string, string | number | undefined> | undefined) => {
    meter.requests++;
    const remaining = Number(headers?.["x-ratelimit-remaining"]);
    if (Number.isFinite(remaining)) meter.rateLimitRemaining = remaining;
    if (!meter.firstServerDate && headers?.date) {
      const date = new Date(String(headers.date));
      if (!Number.isNaN(date.getTime())) meter.firstServerDate = date;
    }
  };
  octokit.hook.after("request", (response) => observe(response.headers as Record<string, string>));
  octokit.hook.error("request", (error) => {
    observe((error as { response?: { headers?: Record<string, string> } }).response?.headers);
    throw error;
  });
  return { octokit, meter };
}

/** The `rel="next"` URL of a Link header, or null on the last page. */
export function nextLink(link: string | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1]!;
  }
  return null;
}
