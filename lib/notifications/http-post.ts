// One outbound POST to a notification receiver. node:http(s) rather than fetch because the
// address check has to happen where the socket connects: a `lookup` hook sees every address a
// name resolves to and refuses private ones, so a name that resolves to a public address when
// the rule is saved and to 169.254.169.254 at send time (DNS rebinding) is still refused. Fetch
// in Node offers no such hook without the undici package. Redirects are not followed (a 3xx is
// a failed delivery), and every request has a hard deadline.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { addressAllowed, checkTargetUrl, type TargetPolicy } from "./target-policy";

export interface PostResult {
  /** HTTP status, or null when no response arrived (refused, timed out, blocked). */
  status: number | null;
  ok: boolean;
  /** Why it failed, short enough for the delivery log; never the request body. */
  error: string | null;
}

const MAX_ERROR_BODY = 300;

function guardedLookup(hostname: string, policy: TargetPolicy): LookupFunction {
  return (host, options, callback) => {
    dnsLookup(host, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, hostname, policy));
      if (refused) return callback(Object.assign(new Error(`address ${refused.address} of ${hostname} is private and not allow-listed`), { code: "EBLOCKED" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** POSTs `body` to `rawUrl` with `headers`; resolves (never rejects) with what happened. */
export function postJson(rawUrl: string, body: string, headers: Record<string, string>, options: { policy: TargetPolicy; timeoutMs: number }): Promise<PostResult> {
  const check = checkTargetUrl(rawUrl, options.policy);
  if (!check.ok) return Promise.resolve({ status: null, ok: false, error: `target refused: ${check.reason}` });
  const { url } = check;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(body)), "user-agent": "Rampart-Notifications/1", ...headers },
        lookup: guardedLookup(url.hostname, options.policy),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < MAX_ERROR_BODY) text += chunk;
        });
        response.on("error", () => resolve({ status, ok, error: ok ? null : `HTTP ${status}` }));
        response.on("end", () => resolve({ status, ok, error: ok ? null : `HTTP ${status}${text ? `: ${text.slice(0, MAX_ERROR_BODY).trim()}` : ""}` }));
      },
    );
    request.on("error", (error: Error & { code?: string }) => {
      const reason = error.name === "AbortError" || error.name === "TimeoutError" ? `timed out after ${options.timeoutMs} ms` : (error.code ? `${error.code}: ` : "") + error.message;
      resolve({ status: null, ok: false, error: reason });
    });
    request.end(body);
  });
}
