// GET /api/findings?state=&severity=&stage=&kind=&repository=&search=&before= — a page of the
// findings the viewer may see, newest first; `next` is the cursor for the following page.
import { defineRoute } from "@/lib/auth/route";
import { FindingFilters, listFindings } from "@/lib/data/findings";

export const GET = defineRoute({
  access: { permission: "findings.read" },
  query: FindingFilters,
  handler: async ({ query, viewer }) => listFindings(viewer!, query),
});
