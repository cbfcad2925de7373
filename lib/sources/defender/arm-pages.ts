// ARM list paging: `{ value, nextLink }` pages, the first from an SDK operation (so the SDK
// decides path and api-version), the rest by following nextLink on the same client's pipeline
// — which is also how a failed run resumes from the nextLink it committed. (@azure/arm-security
// 5's iterators cannot start from a continuation token.) Each page is fetched again, with
// backoff, when it fails in a way a retry can fix: a body cut short or malformed, a reset, a
// 5xx or 429 that outlasted the pipeline's own retries.
import { getArmJson, type DefenderClient } from "./client";
import { ArmPageSchema } from "./schemas";

export interface RawPage {
  items: unknown[];
  /** nextLink of this page, or null on the last one. */
  next: string | null;
}

/** What an SDK list operation needs to hand back its raw first page. */
export interface SdkListOperation {
  (options: { onResponse: (raw: { bodyAsText?: string | null }) => void }): { byPage(): AsyncIterableIterator<unknown[]> };
}

// Judged by shape, not instanceof: the SDK and Rampart may load different copies of
// @azure/core-rest-pipeline, each with its own RestError class.
function isRetryable(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const { name, code, statusCode } = (error ?? {}) as { name?: unknown; code?: unknown; statusCode?: unknown };
  if (typeof code === "string" && /^(PARSE_ERROR|REQUEST_SEND_ERROR|ECONNRESET|ETIMEDOUT|EPIPE|ECONNREFUSED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR_SOCKET)$/.test(code)) return true;
  if (typeof statusCode === "number") return statusCode === 408 || statusCode === 429 || statusCode >= 500;
  return name === "RestError";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt`, again after transient failures, up to `retries` more times. */
export async function withPageRetry<T>(retries: number, attempt: () => Promise<T>): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (failures >= retries || !isRetryable(error)) throw error;
      await sleep(Math.min(10_000, 250 * 2 ** failures));
    }
  }
}

function asPage(body: unknown): RawPage {
  const page = ArmPageSchema.parse(body);
  return { items: page.value, next: page.nextLink || null };
}

/** The raw JSON of an SDK list operation's first page (the SDK's own deserialized models are not used). */
export async function sdkFirstPage(operation: SdkListOperation): Promise<RawPage> {
  let text: string | null | undefined;
  const pages = operation({ onResponse: (raw) => (text = raw.bodyAsText) }).byPage();
  try {
    await pages.next();
  } finally {
    await pages.return?.();
  }
  if (!text) throw new SyntaxError("empty response body");
  return asPage(JSON.parse(text));
}

/** Pages of a list: from `resumeFrom` when a run resumes, else from the first page. */
export async function* readArmPages(client: DefenderClient, first: () => Promise<RawPage>, resumeFrom: string | null = null): AsyncGenerator<RawPage> {
  let next: string | null = resumeFrom;
  let page = await withPageRetry(client.pageRetries, () => (next ? getArmJson(client, next).then(asPage) : first()));
  for (;;) {
    yield page;
    next = page.next;
    if (!next) return;
    const url: string = next;
    page = await withPageRetry(client.pageRetries, () => getArmJson(client, url).then(asPage));
  }
}

/** Every item of a list through the pipeline client (connectors and DevOps inventory). */
export async function readAllPipeline(client: DefenderClient, url: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of readArmPages(client, () => getArmJson(client, url).then(asPage))) items.push(...page.items);
  return items;
}
