// GET /api/repositories/:id — one repository the viewer may see (404 otherwise, same as unknown).
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { defineRoute } from "@/lib/auth/route";
import { getRepository } from "@/lib/data/repositories";
import { NotFoundError } from "@/lib/http/errors";

export const GET = defineRoute({
  access: { permission: "posture.read" },
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, viewer }) => {
    const repo = await getRepository(viewer!, params.id);
    if (!repo || !(await can(viewer, "posture.read", { repositoryId: repo.id }))) throw new NotFoundError("No such repository.");
    return repo;
  },
});
