// Reading the audit log: the organization's identity (connectionData), and the pages of one
// time window, newest first, following continuationToken while hasMore — resumable from any
// page's token, since the next query is the same window plus that token.
import { z } from "zod";
import type { AzureDevOpsClient } from "./client";
import { parseAuditPage } from "./audit-schemas";

export const AUDIT_API_VERSION = "7.1-preview.1";
/** The most entries the service returns per page; fewer pages cost fewer TSTUs. */
export const AUDIT_BATCH_SIZE = 200;
/** Azure DevOps keeps audit entries for 90 days. */
export const AUDIT_RETENTION_MS = 90 * 86_400_000;

const ConnectionDataSchema = z.looseObject({ instanceId: z.string().min(1) });

export interface AdoOrganizationIdentity {
  /** The organization's id (the audit entries' scopeId). */
  id: string;
  name: string;
  url: string;
  /** The service's clock at the answer: the audit window ends there, not at the local clock. */
  serverDate: Date | null;
}

/** Who the organization is, from the location service (WebApi.connect()'s call). */
export async function fetchOrganizationIdentity(client: AzureDevOpsClient): Promise<AdoOrganizationIdentity> {
  const { body, serverDate } = await client.getJson(`${client.organizationUrl}/_apis/connectionData`);
  const data = ConnectionDataSchema.parse(body);
  return { id: data.instanceId, name: client.organization, url: client.organizationUrl, serverDate };
}

export interface AuditWindow {
  /** ISO time; null reads the whole retained log. */
  start: string | null;
  /** ISO time, exclusive. */
  end: string;
}

export interface AuditLogPage {
  entries: unknown[];
  /** The token for the page after this one; null on the last page. */
  next: string | null;
}

function pageUrl(client: AzureDevOpsClient, window: AuditWindow, token: string | null): string {
  const query = new URLSearchParams({ "api-version": AUDIT_API_VERSION, batchSize: String(AUDIT_BATCH_SIZE), endTime: window.end, skipAggregation: "true" });
  if (window.start) query.set("startTime", window.start);
  if (token) query.set("continuationToken", token);
  return `${client.auditUrl}/_apis/audit/auditlog?${query}`;
}

/**
 * Pages of the window, starting after `resumeFrom` when given. Aggregation is skipped so every
 * entry arrives as itself with its own stable id (the service otherwise folds consecutive
 * AuditLog.AccessLog entries into one whose content depends on the window).
 */
export async function* fetchAuditLogPages(client: AzureDevOpsClient, window: AuditWindow, resumeFrom: string | null = null): AsyncGenerator<AuditLogPage> {
  let token = resumeFrom;
  for (;;) {
    const { body } = await client.getJson(pageUrl(client, window, token));
    const page = parseAuditPage(body);
    const next = page.hasMore ? page.continuationToken : null;
    if (page.hasMore && (!next || next === token)) {
      throw new Error(`The audit log said there is more after ${token ?? "the first page"} but gave no new continuation token`);
    }
    yield { entries: page.entries, next };
    if (!next) return;
    token = next;
  }
}
