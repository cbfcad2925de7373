// POST /api/findings/:id/work-items — open a GitHub issue or an Azure Boards work item for a
// finding the viewer may see; linked to the finding and closed when the source fixes it.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { can } from "@/lib/auth/policy";
import { defineRoute } from "@/lib/auth/route";
import { getFinding } from "@/lib/data/findings";
import { NotFoundError } from "@/lib/http/errors";
import { createWorkItemsForFindings, WorkItemTarget } from "@/lib/workitems/create";

export const runtime = "nodejs";

export const POST = defineRoute({
  access: { permission: "findings.triage" },
  params: z.object({ id: z.string().regex(/^\d{1,19}$/) }),
  body: z.object({ target: WorkItemTarget, force: z.boolean().optional() }),
  handler: async ({ params, body, viewer, request }) => {
    const finding = await getFinding(viewer!, params.id);
    if (!finding || !(await can(viewer, "findings.triage", { repositoryId: finding.attributedRepositoryId }))) throw new NotFoundError("No such finding.");
    const [outcome] = await createWorkItemsForFindings([finding.id], body.target, { createdBy: viewer!.upn ?? viewer!.objectId, force: body.force });
    await recordAudit({ action: "workitem.created", actor: viewer, target: { type: "finding", id: finding.id }, details: { target: body.target, status: outcome?.status }, request });
    return Response.json(outcome, { status: outcome?.status === "created" ? 201 : outcome?.status === "failed" ? 502 : 200 });
  },
});
