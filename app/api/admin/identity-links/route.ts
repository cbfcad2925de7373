// GET /api/admin/identity-links — Entra user ↔ source login links.
// POST — add or fix one by hand (origin "admin"), bound to an Entra UPN or object id.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { createAdminIdentityLink, listIdentityLinks } from "@/lib/data/identity-links";

export const GET = defineRoute({
  access: { permission: "identities.manage" },
  handler: async () => ({ links: await listIdentityLinks() }),
});

export const POST = defineRoute({
  access: { permission: "identities.manage" },
  body: z
    .object({
      organizationId: z.string().uuid(),
      login: z.string().trim().min(1).max(100),
      entraUpn: z.string().trim().email().max(200).optional(),
      entraObjectId: z.string().uuid().optional(),
    })
    .refine((b) => b.entraUpn || b.entraObjectId, "give entraUpn or entraObjectId"),
  handler: async ({ body, viewer, request }) => {
    const link = await createAdminIdentityLink({ ...body, tenantId: viewer!.tenantId });
    await recordAudit({ action: "identity_link.created", actor: viewer, target: { type: "identity_link", id: link.id }, details: body, request });
    return Response.json(link, { status: 201 });
  },
});
