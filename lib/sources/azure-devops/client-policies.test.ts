// The retry and pacing decisions of the Azure DevOps pipeline, on hand-made responses.
import { createHttpHeaders, createPipelineRequest, RestError, type PipelineResponse } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { adoRetryStrategy, pacingPolicy, retryAfterMs, type RequestMeter } from "./client-policies";
import { auditBaseUrlOf } from "./connection-config";

const request = createPipelineRequest({ url: "https://dev.azure.com/fabrikam/_apis/audit/auditlog" });
const response = (status: number, headers: Record<string, string> = {}): PipelineResponse => ({ status, headers: createHttpHeaders(headers), request });
const strategy = adoRetryStrategy({ retryDelayMs: 100, maxRetryDelayMs: 1000 });
const meter = (): RequestMeter => ({ requests: 0, rateLimitRemaining: null, firstServerDate: null, throttledMs: 0, notBefore: 0 });

describe("retry strategy", () => {
  it("waits what Retry-After says on 429 and 503", () => {
    expect(strategy.retry({ retryCount: 0, response: response(429, { "retry-after": "7" }) })).toEqual({ retryAfterInMs: 7000 });
    expect(strategy.retry({ retryCount: 0, response: response(503, { "retry-after": "2" }) })).toEqual({ retryAfterInMs: 2000 });
  });

  it("backs off exponentially on 5xx, resets and incomplete bodies, within the cap", () => {
    const first = strategy.retry({ retryCount: 0, response: response(500) }).retryAfterInMs!;
    const late = strategy.retry({ retryCount: 9, response: response(502) }).retryAfterInMs!;
    expect(first).toBeGreaterThanOrEqual(80);
    expect(first).toBeLessThanOrEqual(120);
    expect(late).toBeLessThanOrEqual(1200);
    expect(strategy.retry({ retryCount: 0, responseError: new RestError("socket hang up", { code: "ECONNRESET" }) }).retryAfterInMs).toBeGreaterThan(0);
    expect(strategy.retry({ retryCount: 0, responseError: new RestError("cut", { code: RestError.PARSE_ERROR }) }).retryAfterInMs).toBeGreaterThan(0);
  });

  it("leaves answers that another attempt cannot fix alone", () => {
    for (const status of [200, 400, 401, 403, 404, 501]) expect(strategy.retry({ retryCount: 0, response: response(status) })).toEqual({ skipStrategy: true });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs(response(429, { "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(retryAfterMs(response(429))).toBeUndefined();
  });
});

describe("pacing under the consumption limit", () => {
  it("a delayed answer's Retry-After holds back the next request; an exhausted budget waits for its reset", async () => {
    const m = meter();
    const policy = pacingPolicy(m);
    const before = Date.now();
    await policy.sendRequest(request, async () => response(200, { "retry-after": "1", "x-ratelimit-remaining": "0" }));
    expect(m.notBefore).toBeGreaterThanOrEqual(before + 1000);

    const exhausted = meter();
    const reset = Math.floor(Date.now() / 1000) + 2;
    await pacingPolicy(exhausted).sendRequest(request, async () => response(200, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }));
    expect(exhausted.notBefore).toBe(reset * 1000);
  });
});

describe("audit service URL", () => {
  it("is auditservice.dev.azure.com on the cloud and the base URL elsewhere", () => {
    expect(auditBaseUrlOf("https://dev.azure.com", {})).toBe("https://auditservice.dev.azure.com");
    expect(auditBaseUrlOf("https://localhost:9443/", {})).toBe("https://localhost:9443");
    expect(auditBaseUrlOf("https://dev.azure.com", { auditBaseUrl: "https://audit.proxy.example/" })).toBe("https://audit.proxy.example");
  });
});
