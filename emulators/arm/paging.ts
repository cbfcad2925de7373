// ARM list paging: `{ value, nextLink }`, where nextLink repeats the request with an opaque
// `$skipToken` and is absent on the last page. Page sizes are the emulator's choice (the
// service does not document them); the admin setting `pageSize` overrides them all so tests
// cross page boundaries at tiny scale.
import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { ArmError } from "./errors";
import { armSettings } from "./settings";

/** Default page sizes per list. Lists the service returns whole carry no entry. */
export const PAGE_SIZES = {
  assessments: 100,
  subAssessments: 100,
  alerts: 100,
  devops: 100,
  resourceGraph: 1000,
} as const;

export type PagedList = keyof typeof PAGE_SIZES;

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/** A list that can produce any item on demand, so nothing is materialized for a page. */
export interface Source<T> {
  count: number;
  get(index: number): T;
}

export function fromArray<T>(items: readonly T[]): Source<T> {
  return { count: items.length, get: (i) => items[i]! };
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { skip?: unknown };
    if (typeof parsed.skip === "number" && Number.isInteger(parsed.skip) && parsed.skip >= 0) return parsed.skip;
  } catch {
    // fall through
  }
  throw new ArmError(400, "InvalidSkipToken", `The value '${token}' of the $skipToken query parameter is not valid.`);
}

export function encodeSkipToken(skip: number): string {
  return Buffer.from(JSON.stringify({ skip })).toString("base64url");
}

/** The page the request asks for, mapping each item with `map`. */
export function pageOf<T, R>(ctx: EmulatorContext, request: FastifyRequest, list: PagedList | null, source: Source<T>, map: (item: T) => R): Page<R> {
  const query = request.query as Record<string, string | undefined>;
  const token = query.$skipToken ?? query.$skiptoken;
  const skip = token ? decodeSkipToken(token) : 0;
  const size = list === null ? source.count : (armSettings(ctx).pageSize ?? PAGE_SIZES[list]);
  const end = Math.min(source.count, skip + Math.max(1, size));
  const value: R[] = [];
  for (let i = skip; i < end; i++) value.push(map(source.get(i)));
  return end < source.count ? { value, nextLink: nextLink(ctx, request, end) } : { value };
}

// Built by hand, not with URLSearchParams, so `$skipToken` stays literal as in ARM's links.
function nextLink(ctx: EmulatorContext, request: FastifyRequest, skip: number): string {
  const [path, query = ""] = request.url.split("?");
  const seen = new Set<string>();
  // A client that appends api-version to nextLink again must not make the link grow.
  const kept = query.split("&").filter((pair) => {
    const key = decodeURIComponent(pair.split("=")[0] ?? "").toLowerCase();
    if (!pair || key === "$skiptoken" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return `${ctx.urls.arm}${path}?${[...kept, `$skipToken=${encodeSkipToken(skip)}`].join("&")}`;
}
