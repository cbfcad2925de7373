// Test helpers for talking to the ARM emulator as a workload would: tokens signed exactly as
// the Entra emulator signs them (so these tests do not depend on the Entra emulator running),
// a TokenCredential for the Azure SDK, and a fetch that follows nextLink pages.
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { EmulatorContext } from "../../core/context";
import { signEntraToken } from "../../core/entra-tokens";

export const WORKLOAD_OID = "6f1c4f7e-2a43-4d4e-9c52-0d7b1b3a9e10";

export async function armToken(ctx: EmulatorContext, claims: Record<string, unknown> = {}, expiresInSeconds = 3600): Promise<string> {
  return signEntraToken(ctx, { aud: "https://management.azure.com", sub: WORKLOAD_OID, oid: WORKLOAD_OID, appid: ctx.world.entra.workload.clientId, ...claims }, expiresInSeconds);
}

/** A TokenCredential that hands out emulator-signed ARM tokens, counting how often it is asked. */
export function armCredential(ctx: EmulatorContext): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken(): Promise<AccessToken> {
      credential.calls++;
      return { token: await armToken(ctx), expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return credential;
}

export interface ArmResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function armGet<T = unknown>(ctx: EmulatorContext, pathOrUrl: string, token?: string | null): Promise<ArmResponse<T>> {
  const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `${ctx.urls.arm}${pathOrUrl}`;
  const headers: Record<string, string> = {};
  const bearerToken = token === undefined ? await armToken(ctx) : token;
  if (bearerToken !== null) headers.authorization = `Bearer ${bearerToken}`;
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function armPost<T = unknown>(ctx: EmulatorContext, path: string, body: unknown): Promise<ArmResponse<T>> {
  const response = await fetch(`${ctx.urls.arm}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${await armToken(ctx)}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Every page of a list, following nextLink; `onPage` sees each raw page (for schema checks). */
export async function armListAll<T>(ctx: EmulatorContext, path: string, onPage?: (page: { value: T[]; nextLink?: string }) => void): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let next: string | undefined = path;
  while (next) {
    const response: ArmResponse<{ value: T[]; nextLink?: string }> = await armGet(ctx, next);
    if (response.status !== 200) throw new Error(`GET ${next}: ${response.status} ${JSON.stringify(response.body)}`);
    onPage?.(response.body);
    items.push(...response.body.value);
    pages++;
    next = response.body.nextLink;
  }
  return { items, pages };
}
