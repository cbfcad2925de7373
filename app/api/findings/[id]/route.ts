// GET /api/findings/:id — one finding with its history, if the viewer may see it (404 otherwise).
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { defineRoute } from "@/lib/auth/route";
import { getFinding } from "@/lib/data/findings";
import { NotFoundError } from "@/lib/http/errors";

export const GET = defineRoute({
  access: { permission: "findings.read" },
  params: z.object({ id: z.string().regex(/^\d{1,19}$/) }),
  handler: async ({ params, viewer }) => {
    const finding = await getFinding(viewer!, params.id);
    if (!finding || !(await can(viewer, "findings.read", { repositoryId: finding.attributedRepositoryId }))) throw new NotFoundError("No such finding.");
    return finding;
  },
});
