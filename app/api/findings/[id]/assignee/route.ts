// POST /api/findings/:id/assignee {assignee: "upn or login" | null} — who owns the fix.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { can } from "@/lib/auth/policy";
import { defineRoute } from "@/lib/auth/route";
import { getFinding } from "@/lib/data/findings";
import { NotFoundError } from "@/lib/http/errors";
import { assignFinding } from "@/lib/workitems/ownership";

export const POST = defineRoute({
  access: { permission: "findings.triage" },
  params: z.object({ id: z.string().regex(/^\d{1,19}$/) }),
  body: z.object({ assignee: z.string().trim().min(1).max(200).nullable() }),
  handler: async ({ params, body, viewer, request }) => {
    const finding = await getFinding(viewer!, params.id);
    if (!finding || !(await can(viewer, "findings.triage", { repositoryId: finding.attributedRepositoryId }))) throw new NotFoundError("No such finding.");
    await assignFinding(finding.id, body.assignee);
    await recordAudit({ action: "finding.assigned", actor: viewer, target: { type: "finding", id: finding.id }, details: { assignee: body.assignee }, request });
    return { id: finding.id, assignee: body.assignee };
  },
});
