// POST /api/admin/connections/:id/test — "Test connection": credentials, granted permissions and
// rate-limit budget, stored on the connection and returned.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { database } from "@/lib/db";
import { recordConnectionTest } from "@/lib/data/connections";
import { NotFoundError } from "@/lib/http/errors";
import { testConnection } from "@/lib/sources/connection-test";

export const runtime = "nodejs";

export const POST = defineRoute({
  access: { permission: "connections.manage" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer, request }) => {
    const connection = await database().prisma.connection.findUnique({ where: { id: params.id } });
    if (!connection) throw new NotFoundError("No such connection.");
    const result = await testConnection(connection);
    await recordConnectionTest(connection.id, result);
    await recordAudit({ action: "connection.tested", actor: viewer, target: { type: "connection", id: connection.id }, details: { ok: result.ok }, request });
    return result;
  },
});
