// POST /api/admin/group-links — members of an Entra group see a team's repositories.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { createAdminGroupLink } from "@/lib/data/identity-links";

export const POST = defineRoute({
  access: { permission: "identities.manage" },
  body: z.object({ entraGroupId: z.string().uuid(), teamId: z.string().uuid() }),
  handler: async ({ body, viewer, request }) => {
    const link = await createAdminGroupLink({ ...body, tenantId: viewer!.tenantId });
    await recordAudit({ action: "identity_link.created", actor: viewer, target: { type: "group_team_link", id: link.id }, details: body, request });
    return Response.json(link, { status: 201 });
  },
});
