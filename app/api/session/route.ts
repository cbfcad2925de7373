// GET /api/session — who is signed in, their roles and what they may do (never any token but
// the CSRF one, which the page needs to send with state-changing requests).
import { hasPermission, PERMISSIONS } from "@/lib/auth/policy";
import { defineRoute } from "@/lib/auth/route";

export const GET = defineRoute({
  access: "signed-in",
  handler: async ({ viewer }) => ({
    user: { upn: viewer!.upn, displayName: viewer!.displayName },
    roles: viewer!.roles,
    permissions: PERMISSIONS.filter((p) => hasPermission(viewer!, p)),
    csrfToken: viewer!.csrfToken,
  }),
});
