// DELETE /api/admin/group-links/:id — removes an admin-made group ↔ team mapping.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { deleteAdminGroupLink } from "@/lib/data/identity-links";
import { NotFoundError } from "@/lib/http/errors";

export const DELETE = defineRoute({
  access: { permission: "identities.manage" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer, request }) => {
    if (!(await deleteAdminGroupLink(params.id))) throw new NotFoundError("No admin-made group mapping with this id.");
    await recordAudit({ action: "identity_link.deleted", actor: viewer, target: { type: "group_team_link", id: params.id }, request });
    return { deleted: params.id };
  },
});
