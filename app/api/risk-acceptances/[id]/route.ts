// DELETE /api/risk-acceptances/:id — revokes an acceptance (kept, marked revoked). Audited.
import { z } from "zod";
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { revokeRiskAcceptance } from "@/lib/data/risk-acceptances";

export const DELETE = defineRoute({
  access: { permission: "risk.accept" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer, request }) => {
    await revokeRiskAcceptance(viewer!, params.id);
    await recordAudit({ action: "risk.revoked", actor: viewer, target: { type: "risk_acceptance", id: params.id }, request });
    return { revoked: params.id };
  },
});
