// GET /api/admin/connections — every connection (references to secrets, never values).
// POST /api/admin/connections — add (or re-save by kind + name) a connection.
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { ConnectionSubmission } from "@/lib/data/connection-input";
import { listConnections, upsertConnection } from "@/lib/data/connections";

export const GET = defineRoute({
  access: { permission: "connections.manage" },
  handler: async () => ({ connections: await listConnections() }),
});

export const POST = defineRoute({
  access: { permission: "connections.manage" },
  body: ConnectionSubmission,
  handler: async ({ body, viewer, request }) => {
    const result = await upsertConnection({ ...body, createdBy: viewer!.upn ?? viewer!.objectId });
    await recordAudit({
      action: result.created ? "connection.created" : "connection.updated",
      actor: viewer,
      target: { type: "connection", id: result.id },
      details: { kind: body.kind, displayName: body.displayName, baseUrl: body.baseUrl },
      request,
    });
    return Response.json(result, { status: result.created ? 201 : 200 });
  },
});
