// Test helpers for the Azure DevOps emulator: credentials as clients send them and a reader
// that follows the audit log's continuation tokens.
import type { EmulatorContext } from "../../core/context";
import { AZURE_DEVOPS_DEMO_PAT } from "../../core/credentials";
import { signEntraToken } from "../../core/entra-tokens";

export function basicPat(pat = AZURE_DEVOPS_DEMO_PAT, user = ""): string {
  return `Basic ${Buffer.from(`${user}:${pat}`).toString("base64")}`;
}

export async function adoBearer(ctx: EmulatorContext, claims: Record<string, unknown> = {}, expiresIn = 3600): Promise<string> {
  const oid = "4d1f9f3a-0c3e-4b8e-9d7a-2b6c1e5f8a90";
  return `Bearer ${await signEntraToken(ctx, { aud: "499b84ac-1321-427f-aa17-267ca6975798", sub: oid, oid, ...claims }, expiresIn)}`;
}

export interface AdoResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function adoGet<T = unknown>(ctx: EmulatorContext, path: string, authorization: string | null = basicPat()): Promise<AdoResponse<T>> {
  const response = await fetch(`${ctx.urls.azureDevOps}${path}`, { headers: authorization ? { authorization } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface AuditEntry {
  id: string;
  correlationId: string;
  timestamp: string;
  actionId: string;
  actorUserId: string;
  data: Record<string, unknown>;
  [key: string]: unknown;
}

export interface AuditPage {
  decoratedAuditLogEntries: AuditEntry[];
  continuationToken?: string;
  hasMore: boolean;
}

/** Reads every page of a query, passing the same parameters plus each continuation token. */
export async function readAuditLog(
  ctx: EmulatorContext,
  org: string,
  params: Record<string, string>,
  onPage?: (page: AuditPage) => void,
  authorization: string = basicPat(),
): Promise<{ entries: AuditEntry[]; pages: number }> {
  const entries: AuditEntry[] = [];
  let token: string | undefined;
  let pages = 0;
  for (;;) {
    const query = new URLSearchParams({ ...params, "api-version": "7.1-preview.1", ...(token ? { continuationToken: token } : {}) });
    const response = await adoGet<AuditPage>(ctx, `/${org}/_apis/audit/auditlog?${query}`, authorization);
    if (response.status !== 200) throw new Error(`auditlog: ${response.status} ${JSON.stringify(response.body)}`);
    onPage?.(response.body);
    entries.push(...response.body.decoratedAuditLogEntries);
    pages++;
    if (!response.body.hasMore) return { entries, pages };
    token = response.body.continuationToken;
  }
}
