// GET /api/admin/notification-rules — rules (secrets never included) and recent deliveries.
// POST — create a rule (validated by lib/notifications; targets checked against SSRF rules).
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { listDeliveries } from "@/lib/notifications/deliveries";
import { createRule, listRules } from "@/lib/notifications/rules";

export const GET = defineRoute({
  access: { permission: "notifications.manage" },
  handler: async () => ({ rules: await listRules(), deliveries: await listDeliveries(undefined, 100) }),
});

export const POST = defineRoute({
  access: { permission: "notifications.manage" },
  // lib/notifications validates the rule itself (per trigger and channel).
  body: z.unknown(),
  maxBodyBytes: 16 * 1024,
  handler: async ({ body, request, viewer }) => {
    const rule = await createRule(body, viewer!.upn ?? viewer!.objectId);
    await recordAudit({ action: "notification_rule.created", actor: viewer, target: { type: "notification_rule", id: rule.id }, details: { name: rule.name, channel: rule.channel }, request });
    return Response.json(rule, { status: 201 });
  },
});
