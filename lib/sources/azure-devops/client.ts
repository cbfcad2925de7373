// An HTTP client for one Azure DevOps organization on the Azure SDK's pipeline (azure-devops-
// node-api has no audit client): Entra bearer tokens through bearerTokenAuthenticationPolicy
// or a PAT, the SDK's retry policy with an ADO-aware strategy, pacing that honours the global
// consumption limit's Retry-After on delayed responses, and request accounting for sync runs.
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  retryPolicy,
  setClientRequestIdPolicy,
  userAgentPolicy,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
} from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { AZURE_DEVOPS_SCOPE } from "./credential";
import { adoRetryStrategy, jsonBodyPolicy, meterPolicy, pacingPolicy, type RequestMeter } from "./client-policies";

export type { RequestMeter } from "./client-policies";

export type AzureDevOpsAuth = { kind: "entra"; credential: TokenCredential } | { kind: "pat"; pat: string };

export interface AzureDevOpsClientOptions {
  /** Base URL for organization-level APIs (https://dev.azure.com, a server, or an emulator). */
  baseUrl: string;
  /** Base URL of the audit service (auditservice.dev.azure.com on the cloud). */
  auditBaseUrl: string;
  /** Base URL of the identity service, Graph included (vssps.dev.azure.com on the cloud). */
  identityBaseUrl?: string;
  organization: string;
  auth: AzureDevOpsAuth;
  /** Retries of a throttled or failing request before it fails its page. */
  maxRetries?: number;
  /** First backoff of the exponential retry (ms); throttling waits what the service says. */
  retryDelayMs?: number;
}

export interface AzureDevOpsClient {
  organization: string;
  /** The organization-level URL: {baseUrl}/{organization}. */
  organizationUrl: string;
  /** The audit service's URL for the organization: {auditBaseUrl}/{organization}. */
  auditUrl: string;
  /** The identity service's URL for the organization: {identityBaseUrl}/{organization}. */
  identityUrl: string;
  /** This client's requests only: give each concurrent stream its own client. */
  meter: RequestMeter;
  /** GETs a JSON resource; throws AzureDevOpsRequestError on a final non-2xx answer. */
  getJson(url: string): Promise<{ body: unknown; serverDate: Date | null; continuationToken: string | null }>;
}

/** A request the service answered with an error status after retries. */
export class AzureDevOpsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    serviceMessage: string | undefined,
  ) {
    super(`Azure DevOps answered ${status} for ${url.split("?")[0]}${serviceMessage ? `: ${serviceMessage}` : ""}`);
    this.name = "AzureDevOpsRequestError";
  }
}

/** A PAT is the password of Basic auth; the user name is ignored by the service. */
function patPolicy(pat: string): PipelinePolicy {
  const header = `Basic ${Buffer.from(`:${pat}`).toString("base64")}`;
  return {
    name: "rampartPatPolicy",
    sendRequest(request, next) {
      request.headers.set("authorization", header);
      return next(request);
    },
  };
}

function buildPipeline(options: AzureDevOpsClientOptions, meter: RequestMeter): Pipeline {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(userAgentPolicy({ userAgentPrefix: "rampart-posture" }));
  pipeline.addPolicy(setClientRequestIdPolicy());
  pipeline.addPolicy(retryPolicy([adoRetryStrategy({ retryDelayMs: options.retryDelayMs ?? 500, maxRetryDelayMs: 30_000 })], { maxRetries: options.maxRetries ?? 6 }), { phase: "Retry" });
  // Inside the retry loop: every attempt is signed afresh, paced, counted and checked.
  pipeline.addPolicy(
    options.auth.kind === "entra" ? bearerTokenAuthenticationPolicy({ credential: options.auth.credential, scopes: AZURE_DEVOPS_SCOPE }) : patPolicy(options.auth.pat),
    { phase: "Sign" },
  );
  pipeline.addPolicy(pacingPolicy(meter), { afterPhase: "Sign" });
  pipeline.addPolicy(meterPolicy(meter), { afterPolicies: ["rampartPacingPolicy"] });
  pipeline.addPolicy(jsonBodyPolicy(), { afterPolicies: ["rampartMeterPolicy"] });
  return pipeline;
}

function serviceMessage(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === "string" ? message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the client. Nothing is requested until the first call. */
export function createAzureDevOpsClient(options: AzureDevOpsClientOptions, httpClient: HttpClient = createDefaultHttpClient()): AzureDevOpsClient {
  const meter: RequestMeter = { requests: 0, rateLimitRemaining: null, firstServerDate: null, throttledMs: 0, notBefore: 0 };
  const pipeline = buildPipeline(options, meter);
  const organization = encodeURIComponent(options.organization);
  return {
    organization: options.organization,
    organizationUrl: `${options.baseUrl.replace(/\/$/, "")}/${organization}`,
    auditUrl: `${options.auditBaseUrl.replace(/\/$/, "")}/${organization}`,
    identityUrl: `${(options.identityBaseUrl ?? options.baseUrl).replace(/\/$/, "")}/${organization}`,
    meter,
    async getJson(url) {
      const request = createPipelineRequest({ url, method: "GET", headers: createHttpHeaders({ accept: "application/json" }) });
      const response = await pipeline.sendRequest(httpClient, request);
      if (response.status < 200 || response.status >= 300) throw new AzureDevOpsRequestError(response.status, url, serviceMessage(response.bodyAsText ?? undefined));
      const date = response.headers.get("date");
      const serverDate = date ? new Date(date) : null;
      return {
        body: JSON.parse(response.bodyAsText ?? "null") as unknown,
        serverDate: serverDate && !Number.isNaN(serverDate.getTime()) ? serverDate : null,
        // List APIs outside the audit log page with this header rather than in the body.
        continuationToken: response.headers.get("x-ms-continuationtoken") ?? null,
      };
    },
  };
}
