// The clients of one Defender subscription: @azure/arm-security's SecurityCenter for what the
// SDK has, and a ServiceClient on the same credential and pipeline policies (bearer token,
// retry, 429/Retry-After throttling) for what it lacks — security connectors answer only at
// 2023-10-01-preview and the DevOps inventory at 2024-04-01. A per-retry policy counts every
// attempt and keeps the server's clock and ARM's remaining read budget for the sync run.
import { SecurityCenter } from "@azure/arm-security";
import { ServiceClient } from "@azure/core-client";
import { createPipelineRequest, RestError, type PipelinePolicy } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";

export const ARM_SCOPE = "https://management.azure.com/.default";

export interface ArmMeter {
  /** Every attempt sent, retries included. */
  requests: number;
  /** x-ms-ratelimit-remaining-subscription-reads of the last response. */
  rateLimitRemaining: number | null;
  /** The server's clock (Date header) at the first response: checkpoints use the source's time. */
  firstServerDate: Date | null;
}

export interface DefenderClient {
  subscriptionId: string;
  endpoint: string;
  security: SecurityCenter;
  pipeline: ServiceClient;
  /** This client's requests only: give each concurrent stream its own client. */
  meter: ArmMeter;
  /** How often a page is fetched again after the pipeline's own retries gave up on it. */
  pageRetries: number;
}

export interface DefenderClientOptions {
  subscriptionId: string;
  /** https://management.azure.com, or an emulator. */
  endpoint: string;
  credential: TokenCredential;
  scope?: string;
  /** Pipeline retries per request (429, 5xx, resets); the SDK's default otherwise. */
  maxRetries?: number;
}

function meterPolicy(meter: ArmMeter): PipelinePolicy {
  return {
    name: "rampartArmMeter",
    async sendRequest(request, next) {
      meter.requests++;
      const response = await next(request);
      const remaining = Number(response.headers.get("x-ms-ratelimit-remaining-subscription-reads") ?? Number.NaN);
      if (Number.isFinite(remaining)) meter.rateLimitRemaining = remaining;
      const date = response.headers.get("date");
      if (!meter.firstServerDate && date && Number.isFinite(Date.parse(date))) meter.firstServerDate = new Date(date);
      return response;
    },
  };
}

/** Builds the clients. Nothing is requested until the first call. */
export function createDefenderClient(options: DefenderClientOptions): DefenderClient {
  const meter: ArmMeter = { requests: 0, rateLimitRemaining: null, firstServerDate: null };
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const shared = {
    credentialScopes: [options.scope ?? ARM_SCOPE],
    endpoint,
    retryOptions: options.maxRetries === undefined ? undefined : { maxRetries: options.maxRetries, retryDelayInMs: 500, maxRetryDelayInMs: 10_000 },
    additionalPolicies: [{ policy: meterPolicy(meter), position: "perRetry" as const }],
    userAgentOptions: { userAgentPrefix: "rampart-posture" },
  };
  return {
    subscriptionId: options.subscriptionId,
    endpoint,
    security: new SecurityCenter(options.credential, options.subscriptionId, shared),
    pipeline: new ServiceClient({ ...shared, credential: options.credential }),
    meter,
    pageRetries: options.maxRetries ?? 4,
  };
}

/** GET through the pipeline client; ARM's error body becomes a RestError with its code. */
export async function getArmJson(client: DefenderClient, url: string): Promise<unknown> {
  const absolute = url.startsWith("https://") || url.startsWith("http://") ? url : `${client.endpoint}${url}`;
  const response = await client.pipeline.sendRequest(createPipelineRequest({ url: absolute, method: "GET" }));
  const text = response.bodyAsText ?? "";
  if (response.status >= 400) {
    let code: string | undefined;
    let message = text.slice(0, 500);
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = body.error?.code;
      message = body.error?.message ?? message;
    } catch {
      // not ARM's error shape: keep the text
    }
    throw new RestError(`GET ${new URL(absolute).pathname}: ${response.status} ${code ?? ""} ${message}`.trim(), { statusCode: response.status, code, response });
  }
  return JSON.parse(text);
}
