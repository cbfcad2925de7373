// PATCH /api/admin/notification-rules/:id — change a rule (missing fields keep their value).
// DELETE — remove it (its delivery log goes with it).
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { deleteRule, updateRule } from "@/lib/notifications/rules";

const params = z.object({ id: z.string().uuid() });

export const PATCH = defineRoute({
  access: { permission: "notifications.manage" },
  params,
  body: z.unknown(),
  maxBodyBytes: 16 * 1024,
  handler: async ({ params, body, viewer, request }) => {
    const rule = await updateRule(params.id, body);
    await recordAudit({ action: "notification_rule.updated", actor: viewer, target: { type: "notification_rule", id: rule.id }, request });
    return rule;
  },
});

export const DELETE = defineRoute({
  access: { permission: "notifications.manage" },
  params,
  handler: async ({ params, viewer, request }) => {
    await deleteRule(params.id);
    await recordAudit({ action: "notification_rule.deleted", actor: viewer, target: { type: "notification_rule", id: params.id }, request });
    return { deleted: params.id };
  },
});
