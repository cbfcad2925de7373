// POST /api/risk-acceptances — accept the risk of findings (one or many), of a rule in a
// repository, or of a failing control in a repository, with a reason and an expiry. Audited.
import { recordAudit } from "@/lib/auth/audit";
import { defineRoute } from "@/lib/auth/route";
import { acceptRisk, RiskAcceptanceInput } from "@/lib/data/risk-acceptances";

export const POST = defineRoute({
  access: { permission: "risk.accept" },
  body: RiskAcceptanceInput,
  handler: async ({ body, viewer, request }) => {
    const ids = await acceptRisk(viewer!, body);
    await recordAudit({ action: "risk.accepted", actor: viewer, target: { type: "risk_acceptance", id: ids.join(",").slice(0, 500) }, details: { ...body, count: ids.length }, request });
    return Response.json({ ids }, { status: 201 });
  },
});
