// DELETE /api/admin/identity-links/:id — removes an admin-made link (source-derived ones: 404).
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { deleteAdminIdentityLink } from "@/lib/data/identity-links";
import { NotFoundError } from "@/lib/http/errors";

export const DELETE = defineRoute({
  access: { permission: "identities.manage" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer, request }) => {
    if (!(await deleteAdminIdentityLink(params.id))) throw new NotFoundError("No admin-made link with this id.");
    await recordAudit({ action: "identity_link.deleted", actor: viewer, target: { type: "identity_link", id: params.id }, request });
    return { deleted: params.id };
  },
});
