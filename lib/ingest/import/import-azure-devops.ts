// Offline import of Azure DevOps audit log responses (an audit query result, its `value`-wrapped
// variant, the download API's bare array, or one entry), through the connector's own parser,
// classifier and insert path. Each entry prints as one line: kind "audit", state "recorded"
// (an audit entry is a fact, it does not open or close), severity that of the posture signal it
// raises, or "info".
import { auditDryRunRecords, importAuditEntries, parseAuditPayload } from "../azure-devops/import-audit";
import type { SourceImporter } from "./import-source";

/** A published REST example (`{ parameters, responses: { 200: { body } } }`) → its body; anything else as is. */
function responseBodyOf(payload: unknown): { body: unknown; notes: string[] } {
  const example = (payload as { responses?: Record<string, { body?: unknown }> } | null)?.responses;
  if (example && typeof example === "object" && example["200"]?.body !== undefined) return { body: example["200"].body, notes: ["read the 200 response body of a REST API example"] };
  return { body: payload, notes: [] };
}

export const importAzureDevOps: SourceImporter | null = (payload) => {
  const { body, notes } = responseBodyOf(payload);
  const parsed = parseAuditPayload(body);
  return {
    lines: auditDryRunRecords(parsed.entries).map((record) => ({ ...record })),
    unmapped: parsed.unmappable.map((u, i) => ({ reference: `entry ${i + 1}`, reason: u.reason })),
    notes: [...notes, ...parsed.warnings],
    // Inside the CLI's transaction; entries already stored are skipped, so a re-import is a no-op.
    write: async (db, context) => {
      const result = await importAuditEntries(parsed.entries, { connectionId: context.connectionId, client: db });
      return { created: result.created, updated: 0 };
    },
  };
};
