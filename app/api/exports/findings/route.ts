// GET /api/exports/findings?…filters…[&bom=1] — every finding the viewer may see that matches
// the explorer's filters, as CSV, streamed a batch at a time (memory stays flat at any size).
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { FindingFilters, streamFindings } from "@/lib/data/findings";
import { csvRow, UTF8_BOM } from "@/lib/reports/csv";

const HEADER = ["id", "source", "kind", "severity", "state", "stage", "title", "rule_id", "repository", "location", "first_seen_at", "url"];

export const GET = defineRoute({
  access: { permission: "findings.read" },
  query: FindingFilters.omit({ before: true }).extend({ bom: z.enum(["0", "1"]).optional() }),
  handler: async ({ query, viewer, request }) => {
    const { bom, ...filters } = query;
    await recordAudit({ action: "export.created", actor: viewer, details: { kind: "findings-csv", filters }, request });
    const encoder = new TextEncoder();
    const batches = streamFindings(viewer!, filters);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode((bom === "1" ? UTF8_BOM : "") + csvRow(HEADER)));
      },
      async pull(controller) {
        const { value, done } = await batches.next();
        if (done) return controller.close();
        controller.enqueue(
          encoder.encode(
            value
              .map((f) => csvRow([f.id, f.source, f.kind, f.severity, f.state, f.stage, f.title, f.ruleId, f.repository?.fullName ?? "", f.locationPath ? `${f.locationPath}${f.locationLine ? `:${f.locationLine}` : ""}` : "", f.firstSeenAt, f.url ?? ""]))
              .join(""),
          ),
        );
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="rampart-findings-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
