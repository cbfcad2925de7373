// Points Rampart's connections at the running emulators: one GitHub App connection for the
// enterprise's orgs, one per Azure subscription, one per Azure DevOps org. Secrets stay in
// files under .emulators (0600) and are referenced, not copied into the database.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { upsertConnection } from "../../lib/data/connections";
import type { Endpoints } from "../../emulators/start";

async function secretFile(dir: string, name: string, value: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  await writeFile(file, value, { mode: 0o600 });
  return `file:${file}`;
}

/** Creates or refreshes the demo's connections; returns how many were new. */
export async function configureDemoConnections(endpoints: Endpoints, emulatorDir: string): Promise<number> {
  const secrets = path.resolve(emulatorDir, "secrets");
  const results = await Promise.all([
    upsertConnection({
      kind: "github_app",
      displayName: "GitHub (emulated Contoso enterprise)",
      baseUrl: endpoints.github,
      config: { appId: endpoints.githubApp.appId, installations: endpoints.githubApp.installations, graphqlUrl: endpoints.githubGraphql },
      secretRef: `file:${path.resolve(endpoints.githubApp.privateKeyPath)}`,
      createdBy: "demo",
    }),
    ...endpoints.world.subscriptions.map(async (subscriptionId, i) =>
      upsertConnection({
        kind: "azure_subscription",
        displayName: `Azure subscription ${i + 1} (emulated)`,
        baseUrl: endpoints.arm,
        config: { subscriptionId, tenantId: endpoints.entraWorkload.tenantId, clientId: endpoints.entraWorkload.clientId, authorityHost: endpoints.entraBase },
        secretRef: await secretFile(secrets, "entra-workload-secret", endpoints.entraWorkload.clientSecret),
        createdBy: "demo",
      }),
    ),
    ...endpoints.world.azureDevOpsOrgs.map(async (organization) =>
      upsertConnection({
        kind: "azure_devops_org",
        displayName: `Azure DevOps ${organization} (emulated)`,
        baseUrl: endpoints.azureDevOps,
        // The connectors' Entra workload identity, as production would use; a PAT
        // (config auth: "pat") remains the explicit fallback, see azure-devops/connection-config.ts.
        config: { organization, tenantId: endpoints.entraWorkload.tenantId, clientId: endpoints.entraWorkload.clientId, authorityHost: endpoints.entraBase },
        secretRef: await secretFile(secrets, "entra-workload-secret", endpoints.entraWorkload.clientSecret),
        createdBy: "demo",
      }),
    ),
  ]);
  return results.filter((r) => r.created).length;
}
