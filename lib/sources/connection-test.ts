// "Test connection": proves the credentials work and shows what they grant, without syncing.
// GitHub: per org, the installation's granted permissions (App) and the REST/GraphQL rate-limit
// budget left. Defender: per subscription, an ARM token, the subscription and its secure score
// readable, and ARM's read budget left. Azure DevOps: a token (or PAT) and the organization's
// identity readable, and the rate-limit headroom.
import { githubTargets } from "../ingest/github/sync-connection";
import { probeDefenderConnection } from "../ingest/defender/probe-connection";
import { fetchOrganizationIdentity } from "./azure-devops/audit-log";
import { azureDevOpsClientFor } from "./azure-devops/client-for-connection";

export interface ConnectionTestTarget {
  scope: string;
  ok: boolean;
  permissions?: Record<string, string>;
  repositorySelection?: string;
  rateLimit?: { core: { limit: number; remaining: number; resetAt: string }; graphql?: { limit: number; remaining: number } };
  /** Azure: the subscription or organization name as the service reports it. */
  displayName?: string | null;
  /** Azure: reads left in the service's current throttling window, when it says. */
  readsRemaining?: number | null;
  error?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  testedAt: string;
  targets: ConnectionTestTarget[];
  error?: string;
}

interface TestableConnection {
  kind: string;
  baseUrl: string;
  config: unknown;
  secretRef: string | null;
}

interface RateLimitBody {
  resources: { core: { limit: number; remaining: number; reset: number }; graphql?: { limit: number; remaining: number } };
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Octokit messages can include the request URL; never a token, but keep it short.
  return text.slice(0, 300);
}

async function testGitHub(connection: TestableConnection): Promise<ConnectionTestTarget[]> {
  const { targets } = await githubTargets(connection, 1);
  return Promise.all(
    targets.map(async (target): Promise<ConnectionTestTarget> => {
      const { octokit } = target.newClient();
      try {
        let permissions: Record<string, string> | undefined;
        let repositorySelection: string | undefined;
        if (connection.kind === "github_app") {
          const auth = (await octokit.auth({ type: "installation" })) as { permissions?: Record<string, string>; repositorySelection?: string };
          permissions = auth.permissions;
          repositorySelection = auth.repositorySelection;
        }
        const { data } = (await octokit.request("GET /rate_limit")) as { data: RateLimitBody };
        const core = data.resources.core;
        return {
          scope: target.login,
          ok: true,
          permissions,
          repositorySelection,
          rateLimit: { core: { limit: core.limit, remaining: core.remaining, resetAt: new Date(core.reset * 1000).toISOString() }, graphql: data.resources.graphql && { limit: data.resources.graphql.limit, remaining: data.resources.graphql.remaining } },
        };
      } catch (error) {
        return { scope: target.login, ok: false, error: message(error) };
      }
    }),
  );
}

async function testAzureDevOps(connection: TestableConnection): Promise<ConnectionTestTarget[]> {
  const { config, newClient } = await azureDevOpsClientFor(connection, 1);
  const client = newClient();
  try {
    const identity = await fetchOrganizationIdentity(client);
    return [{ scope: config.organization, ok: true, displayName: identity.name, readsRemaining: client.meter.rateLimitRemaining }];
  } catch (error) {
    return [{ scope: config.organization, ok: false, error: message(error) }];
  }
}

/** Runs the probe for the connection's kind; never throws (the failure is the result). */
export async function testConnection(connection: TestableConnection, now = new Date()): Promise<ConnectionTestResult> {
  try {
    const targets =
      connection.kind === "github_app" || connection.kind === "github_token"
        ? await testGitHub(connection)
        : connection.kind === "azure_subscription"
          ? await probeDefenderConnection(connection)
          : connection.kind === "azure_devops_org"
            ? await testAzureDevOps(connection)
            : null;
    if (targets) return { ok: targets.length > 0 && targets.every((t) => t.ok), testedAt: now.toISOString(), targets };
    return { ok: false, testedAt: now.toISOString(), targets: [], error: `Testing ${connection.kind} connections is not available yet.` };
  } catch (error) {
    return { ok: false, testedAt: now.toISOString(), targets: [], error: message(error) };
  }
}
