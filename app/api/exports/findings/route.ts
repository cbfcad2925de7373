// GET /api/exports/findings?…filters…[&bom=1] — every finding the viewer may see that matches
// the explorer's filters, as CSV (RFC 4180, formula-safe), streamed a keyset batch at a time and
// only as fast as the client reads: memory stays flat at any size. Audited with the row count.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { FindingFilters, streamFindings } from "@/lib/data/findings";
import { csvStream, FINDING_CSV_HEADER, findingCsvValues } from "@/lib/reports/csv";

export const GET = defineRoute({
  access: { permission: "findings.read" },
  query: FindingFilters.omit({ before: true }).extend({ bom: z.enum(["0", "1"]).optional() }),
  handler: async ({ query, viewer, request }) => {
    const { bom, ...filters } = query;
    let rows = 0;
    async function* batches() {
      let complete = false;
      try {
        for await (const batch of streamFindings(viewer!, filters)) {
          rows += batch.length;
          yield batch.map(findingCsvValues);
        }
        complete = true;
      } finally {
        // Written when the stream ends (or the client goes away): the trail records what was
        // actually sent, with the row count.
        await recordAudit({ action: "export.created", actor: viewer, details: { kind: "findings-csv", format: "csv", filters, rows, complete }, request });
      }
    }
    return new Response(csvStream(FINDING_CSV_HEADER, batches(), { bom: bom === "1" }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="rampart-findings-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
});
