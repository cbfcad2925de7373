// The pipeline pieces specific to Azure DevOps: which failures to retry and how long to wait,
// pacing under the global consumption limit, request accounting, and a JSON check that turns a
// cut or garbled body into a retryable error instead of a failed page.
import { RestError, type PipelinePolicy, type PipelineResponse, type RetryStrategy } from "@azure/core-rest-pipeline";

export interface RequestMeter {
  /** Attempts sent, retries included: what the service charges. */
  requests: number;
  /** Last X-RateLimit-Remaining seen (only sent as an identity nears its limit). */
  rateLimitRemaining: number | null;
  /** The server's clock (Date header) at the first response: windows use the source's time. */
  firstServerDate: Date | null;
  /** Time spent waiting because the service asked for it (Retry-After, exhausted budget). */
  throttledMs: number;
  /** Epoch ms before which the next attempt must not be sent. */
  notBefore: number;
}

/** Network failures worth another attempt; PARSE_ERROR is a body cut short or garbled. */
const RETRYABLE_ERROR_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "ESOCKETTIMEDOUT", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "ENOTFOUND", RestError.PARSE_ERROR]);

/** Longest pause taken when the budget is spent and the service gave no Retry-After. */
const MAX_BUDGET_PAUSE_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in ms: delta-seconds or an HTTP date. */
export function retryAfterMs(response: Pick<PipelineResponse, "headers"> | undefined, now = Date.now()): number | undefined {
  const value = response?.headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * 429 and 503 wait what Retry-After says (exponential backoff if absent); other 5xx, 408,
 * resets and incomplete bodies back off exponentially with jitter; everything else is final.
 */
export function adoRetryStrategy(options: { retryDelayMs: number; maxRetryDelayMs: number }): RetryStrategy {
  const backoff = (retryCount: number) => Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** retryCount) * (0.8 + Math.random() * 0.4);
  return {
    name: "rampartAzureDevOpsRetry",
    retry({ retryCount, response, responseError }) {
      if (responseError && RETRYABLE_ERROR_CODES.has(responseError.code ?? "")) return { retryAfterInMs: backoff(retryCount) };
      const status = response?.status;
      if (status === 429 || status === 503) return { retryAfterInMs: retryAfterMs(response) ?? backoff(retryCount) };
      if (status !== undefined && (status === 408 || (status >= 500 && status !== 501 && status !== 505))) return { retryAfterInMs: backoff(retryCount) };
      return { skipStrategy: true };
    },
  };
}

/**
 * Azure DevOps delays requests past an identity's consumption budget and says so with
 * Retry-After on the (successful) response; its guidance is to wait that long before the
 * next request. With the budget spent (X-RateLimit-Remaining 0) and no Retry-After, pause
 * until X-RateLimit-Reset, at most a minute.
 */
export function pacingPolicy(meter: RequestMeter): PipelinePolicy {
  return {
    name: "rampartPacingPolicy",
    async sendRequest(request, next) {
      const wait = meter.notBefore - Date.now();
      if (wait > 0) {
        meter.throttledMs += wait;
        await sleep(wait);
      }
      const response = await next(request);
      if (response.status < 400) {
        const now = Date.now();
        const after = retryAfterMs(response, now);
        const remaining = response.headers.get("x-ratelimit-remaining");
        const reset = Number(response.headers.get("x-ratelimit-reset"));
        if (after !== undefined) meter.notBefore = Math.max(meter.notBefore, now + after);
        else if (remaining === "0" && Number.isFinite(reset)) meter.notBefore = Math.max(meter.notBefore, Math.min(reset * 1000, now + MAX_BUDGET_PAUSE_MS));
      }
      return response;
    },
  };
}

function observe(meter: RequestMeter, response: PipelineResponse | undefined): void {
  if (!response) return;
  const remaining = Number(response.headers.get("x-ratelimit-remaining") ?? Number.NaN);
  if (Number.isFinite(remaining)) meter.rateLimitRemaining = remaining;
  const date = response.headers.get("date");
  if (!meter.firstServerDate && date) {
    const parsed = new Date(date);
    if (!Number.isNaN(parsed.getTime())) meter.firstServerDate = parsed;
  }
}

/** Counts every attempt (failed ones too) and records the rate-limit budget and server clock. */
export function meterPolicy(meter: RequestMeter): PipelinePolicy {
  return {
    name: "rampartMeterPolicy",
    async sendRequest(request, next) {
      meter.requests++;
      try {
        const response = await next(request);
        observe(meter, response);
        return response;
      } catch (error) {
        observe(meter, (error as RestError).response);
        throw error;
      }
    },
  };
}

/**
 * A 2xx whose body is not JSON was cut short or garbled on the way; raising it as a
 * PARSE_ERROR lets the retry policy fetch it again.
 */
export function jsonBodyPolicy(): PipelinePolicy {
  return {
    name: "rampartJsonBodyPolicy",
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status >= 200 && response.status < 300) {
        try {
          JSON.parse(response.bodyAsText ?? "");
        } catch {
          throw new RestError("The response body is not complete JSON", { code: RestError.PARSE_ERROR, statusCode: response.status, request, response });
        }
      }
      return response;
    },
  };
}
