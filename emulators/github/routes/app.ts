// GitHub App endpoints: the app itself and its installations (app JWT), and the installation
// token exchange. The demo app is installed on every org with repository_selection "all"; its
// tokens (ghs_…, 1 hour) read that org only.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { GITHUB_APP_ID, GITHUB_APP_SLUG, githubInstallationId, orgIndexOfInstallation } from "../../core/credentials";
import { nodeId, type Organization } from "../../world/github";
import { guard } from "../auth";
import { GitHubError, notFound } from "../errors";
import { orgAsOwner } from "../objects/users";
import { apiBase, iso, webBase } from "../objects/urls";
import { sendListPage } from "../pagination";
import { getRoute, orgOf } from "../route";
import type { Schema } from "../schema-types";

type AppPermissions = Schema<"app-permissions">;

/** What Rampart's app asks for: read access to posture data, and issues to track findings in. */
export const APP_PERMISSIONS: AppPermissions = {
  administration: "read",
  contents: "read",
  issues: "write",
  metadata: "read",
  members: "read",
  secret_scanning_alerts: "read",
  security_events: "read",
  vulnerability_alerts: "read",
};
export const APP_EVENTS = ["branch_protection_rule", "code_scanning_alert", "dependabot_alert", "repository_ruleset", "secret_scanning_alert", "security_and_analysis"];
export const INSTALLATION_TOKEN_TTL_MS = 3_600_000;

const DOCS = {
  app: "https://docs.github.com/rest/apps/apps#get-the-authenticated-app",
  installations: "https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app",
  installation: "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app",
  orgInstallation: "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app",
  accessToken: "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app",
};

function installation(ctx: EmulatorContext, org: Organization): Schema<"installation"> {
  const id = githubInstallationId(org.index);
  return {
    id,
    account: orgAsOwner(ctx, org),
    repository_selection: "all",
    access_tokens_url: `${apiBase(ctx)}/app/installations/${id}/access_tokens`,
    repositories_url: `${apiBase(ctx)}/installation/repositories`,
    html_url: `${webBase(ctx)}/organizations/${org.login}/settings/installations/${id}`,
    app_id: GITHUB_APP_ID,
    app_slug: GITHUB_APP_SLUG,
    client_id: "Iv23liRAMPARTDEMO0001",
    target_id: org.id,
    target_type: "Organization",
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: iso(org.createdAt + 86_400_000 * 400),
    updated_at: iso(org.createdAt + 86_400_000 * 400),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function app(ctx: EmulatorContext): Schema<"integration"> {
  const owner = ctx.world.github.orgs[0]!;
  return {
    id: GITHUB_APP_ID,
    slug: GITHUB_APP_SLUG,
    node_id: nodeId("Integration", GITHUB_APP_ID),
    client_id: "Iv23liRAMPARTDEMO0001",
    owner: orgAsOwner(ctx, owner),
    name: "Rampart Posture",
    description: "Reads GitHub Advanced Security posture for Rampart.",
    external_url: "https://rampart.example.com",
    html_url: `${webBase(ctx)}/apps/${GITHUB_APP_SLUG}`,
    created_at: iso(owner.createdAt + 86_400_000 * 300),
    updated_at: iso(owner.createdAt + 86_400_000 * 300),
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    installations_count: ctx.world.github.orgs.length,
  };
}

/** Whether `requested` asks for nothing beyond what the app was granted. */
function withinGrant(requested: Record<string, unknown>): boolean {
  const rank = { read: 1, write: 2, admin: 3 } as Record<string, number>;
  return Object.entries(requested).every(([name, level]) => {
    const granted = (APP_PERMISSIONS as Record<string, string | undefined>)[name];
    return granted !== undefined && typeof level === "string" && (rank[level] ?? 99) <= (rank[granted] ?? 0);
  });
}

export function registerAppRoutes(app_: FastifyInstance, ctx: EmulatorContext): void {
  getRoute(app_, ctx, "/app", { auth: "app", docs: DOCS.app }, () => app(ctx));

  getRoute(app_, ctx, "/app/installations", { auth: "app", docs: DOCS.installations }, (request, reply) =>
    sendListPage(ctx, request, reply, ctx.world.github.orgs, (org) => {
      const item = installation(ctx, org);
      // The spec types this list's account as allOf(simple-user, enterprise), so it carries the
      // enterprise fields too; extra fields cost a client nothing.
      const created = iso(org.createdAt);
      return { ...item, account: { ...item.account, name: org.name, slug: org.login, created_at: created, updated_at: created } };
    }),
  );

  getRoute(app_, ctx, "/app/installations/:installation_id", { auth: "app", docs: DOCS.installation }, (request) => {
    const orgIndex = orgIndexOfInstallation(ctx.world, Number(request.params.installation_id));
    if (orgIndex < 0) throw notFound(DOCS.installation);
    return installation(ctx, ctx.world.github.orgs[orgIndex]!);
  });

  getRoute(app_, ctx, "/orgs/:org/installation", { auth: "app", docs: DOCS.orgInstallation }, (request) => installation(ctx, orgOf(ctx, request.params, DOCS.orgInstallation).org));

  app_.post<{ Params: { installation_id: string }; Body: { permissions?: Record<string, unknown> } | undefined }>(
    "/app/installations/:installation_id/access_tokens",
    async (request, reply) => {
      if (!guard(ctx, request, reply, { auth: "app", docs: DOCS.accessToken })) return reply;
      const installationId = Number(request.params.installation_id);
      const orgIndex = orgIndexOfInstallation(ctx.world, installationId);
      if (!Number.isInteger(installationId) || orgIndex < 0) throw notFound(DOCS.accessToken);
      const requested = request.body?.permissions;
      if (requested && !withinGrant(requested)) {
        throw new GitHubError(422, "The permissions requested are not granted to this installation.", DOCS.accessToken);
      }
      const permissions = (requested as AppPermissions | undefined) ?? APP_PERMISSIONS;
      const expiresAt = Date.now() + INSTALLATION_TOKEN_TTL_MS;
      const issued = ctx.tokens.issue("ghs_", {
        kind: "github-installation",
        subject: `installation:${installationId}`,
        expiresAt,
        data: { orgIndex, installationId, permissions },
      });
      const body: Schema<"installation-token"> = { token: issued.token, expires_at: iso(expiresAt), permissions, repository_selection: "all" };
      return reply.code(201).send(body);
    },
  );
}
