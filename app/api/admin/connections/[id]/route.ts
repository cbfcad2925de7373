// DELETE /api/admin/connections/:id — removes the connection; what it synced stays, unlinked.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { deleteConnection } from "@/lib/data/connections";
import { NotFoundError } from "@/lib/http/errors";

export const DELETE = defineRoute({
  access: { permission: "connections.manage" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer, request }) => {
    const removed = await deleteConnection(params.id);
    if (!removed) throw new NotFoundError("No such connection.");
    await recordAudit({ action: "connection.deleted", actor: viewer, target: { type: "connection", id: params.id }, details: removed, request });
    return { deleted: params.id };
  },
});
