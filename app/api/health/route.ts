// GET /api/health — database reachability and migration status, for probes and the README.
import { defineRoute } from "@/lib/auth/route";
import { checkHealth } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  access: "public",
  handler: async () => {
    const report = await checkHealth();
    return Response.json(report, {
      status: report.status === "down" ? 503 : 200,
      headers: { "cache-control": "no-store" },
    });
  },
});
