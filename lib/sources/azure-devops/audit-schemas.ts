// Response schemas of the Azure DevOps audit log query (7.1-preview.1), liberal on purpose:
// unknown fields pass through (they are kept), optional fields may be null (the service's
// serializer writes nulls, as the owners' own example shows), and only what Rampart cannot do
// without — an entry's id, action and time — is required. A bad entry never fails its page:
// pages carry entries as unknown and the mapper reports each one it cannot use.
import { z } from "zod";

const optionalText = z.string().nullish();

export const AuditEntrySchema = z.looseObject({
  id: z.string().min(1),
  actionId: z.string().min(1),
  timestamp: z.string().min(1),
  correlationId: optionalText,
  activityId: optionalText,
  actorCUID: optionalText,
  actorUserId: optionalText,
  actorClientId: optionalText,
  actorUPN: optionalText,
  actorDisplayName: optionalText,
  actorImageUrl: optionalText,
  authenticationMechanism: optionalText,
  scopeType: optionalText,
  scopeDisplayName: optionalText,
  scopeId: optionalText,
  projectId: optionalText,
  projectName: optionalText,
  ipAddress: optionalText,
  userAgent: optionalText,
  area: optionalText,
  category: optionalText,
  categoryDisplayName: optionalText,
  details: optionalText,
  data: z.record(z.string(), z.unknown()).nullish(),
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** AuditLogQueryResult as documented. */
const QueryResultSchema = z.looseObject({
  decoratedAuditLogEntries: z.array(z.unknown()),
  continuationToken: z.string().nullish(),
  hasMore: z.boolean().nullish(),
});

export interface AuditPage {
  entries: unknown[];
  continuationToken: string | null;
  hasMore: boolean;
}

/** Whether a value looks like an AuditLogQueryResult (documented or `{ value: … }`-wrapped). */
export function isAuditQueryResult(body: unknown): boolean {
  return QueryResultSchema.safeParse(unwrapValue(body)).success;
}

/**
 * The spec's own example wraps the result in `{ value: … }` (the service's "format 2"
 * envelope); the documented shape is the bare result. Both are accepted.
 */
function unwrapValue(body: unknown): unknown {
  if (body && typeof body === "object" && !Array.isArray(body) && "value" in body && !("decoratedAuditLogEntries" in body)) {
    const value = (body as { value: unknown }).value;
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  }
  return body;
}

/** A readable one-line summary of a zod failure: which fields, what was wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

export class AuditPageShapeError extends Error {
  constructor(detail: string) {
    super(`The audit log response is not an AuditLogQueryResult: ${detail}`);
    this.name = "AuditPageShapeError";
  }
}

/** One page of the audit log query, from either response shape. */
export function parseAuditPage(body: unknown): AuditPage {
  const parsed = QueryResultSchema.safeParse(unwrapValue(body));
  if (!parsed.success) throw new AuditPageShapeError(describeIssues(parsed.error));
  const { decoratedAuditLogEntries: entries, continuationToken } = parsed.data;
  // hasMore is always sent by the service; if a proxy or an export dropped it, a token on a
  // non-empty page is the only evidence of more.
  const hasMore = parsed.data.hasMore ?? (entries.length > 0 && Boolean(continuationToken));
  return { entries, continuationToken: continuationToken ?? null, hasMore };
}
