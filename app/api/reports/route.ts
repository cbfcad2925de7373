// GET /api/reports?kind=posture|evidence&scope=enterprise|org:<id>|team:<id>|repo:<id>
//   &format=pdf|json|oscal-ar|oscal-poam[&framework=ssdf|scorecard][&asOf=YYYY-MM-DD]
// A compliance report for a scope, as of a date (end of that day, UTC), within the viewer's
// scope (a developer's reports hold only their repositories). Audited.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { ValidationError } from "@/lib/http/errors";
import { assemblePostureReport } from "@/lib/reports/assemble";
import { parseReportScope } from "@/lib/reports/request";
import { renderReport, REPORT_FORMATS, REPORT_KINDS } from "@/lib/reports/render";

export const runtime = "nodejs";

export const GET = defineRoute({
  access: { permission: "reports.read" },
  query: z.object({
    kind: z.enum(REPORT_KINDS).default("posture"),
    scope: z.string().max(60).default("enterprise"),
    format: z.enum(REPORT_FORMATS).default("pdf"),
    framework: z.enum(["ssdf", "scorecard"]).default("ssdf"),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  handler: async ({ query, viewer, request }) => {
    const asOf = query.asOf ? new Date(`${query.asOf}T23:59:59.999Z`) : new Date();
    if (Number.isNaN(asOf.getTime()) || asOf.getTime() > Date.now() + 86_400_000) throw new ValidationError("asOf must be a valid date, not in the future.");
    const scope = parseReportScope(query.scope);
    const report = await assemblePostureReport({ viewer: viewer! }, { scope, asOf: asOf.getTime() > Date.now() ? new Date() : asOf });
    const file = await renderReport(report, query.kind, query.format, query.framework);
    await recordAudit({
      action: "export.created",
      actor: viewer,
      target: { type: "report", id: `${query.kind}:${query.scope}` },
      details: { kind: query.kind, format: query.format, framework: query.framework, scope: report.scope, asOf: report.asOf, bytes: file.body.length, findings: report.findings?.length ?? 0 },
      request,
    });
    return new Response(new Uint8Array(file.body), {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "no-store" },
    });
  },
});
