// Walks a subscription's DevOps security inventory: security connectors → GitHub owners →
// repositories, and Azure DevOps orgs → projects → repositories, a few connectors and owners at
// a time. Records that do not map are returned with the reason, never dropped.
import type { DefenderClient } from "./client";
import { devOpsList, securityConnectors } from "./fetch";
import { mapDevOpsRepo, mapSecurityConnector, type ConnectorRecord, type DevOpsRepoRecord } from "./map-devops";


export interface DevOpsInventory {
  connectors: ConnectorRecord[];
  repos: DevOpsRepoRecord[];
  /** Records read (connectors, owners, orgs, projects, repositories). */
  items: number;
  failures: string[];
}

const INVENTORY_CONCURRENCY = 4;

/** Runs `work` over `items`, at most `limit` at a time, keeping order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const nameOf = (raw: unknown) => encodeURIComponent(String((raw as { name?: unknown }).name ?? ""));

export async function readDevOpsInventory(client: DefenderClient): Promise<DevOpsInventory> {
  const inventory: DevOpsInventory = { connectors: [], repos: [], items: 0, failures: [] };
  const take = (raws: unknown[]) => {
    inventory.items += raws.length;
    for (const raw of raws) {
      const mapped = mapDevOpsRepo(raw);
      if (mapped.ok) inventory.repos.push(mapped.value);
      else inventory.failures.push(`${mapped.reference}: ${mapped.error}`);
    }
  };
  const rawConnectors = await securityConnectors(client);
  inventory.items += rawConnectors.length;
  for (const raw of rawConnectors) {
    const mapped = mapSecurityConnector(raw);
    if (mapped.ok) inventory.connectors.push(mapped.value);
    else inventory.failures.push(`${mapped.reference}: ${mapped.error}`);
  }
  await mapConcurrently(inventory.connectors, INVENTORY_CONCURRENCY, async (connector) => {
    if (connector.platform === "github") {
      const owners = await devOpsList(client, connector.id, "gitHubOwners");
      inventory.items += owners.length;
      const repos = await mapConcurrently(owners, INVENTORY_CONCURRENCY, (owner) => devOpsList(client, connector.id, `gitHubOwners/${nameOf(owner)}/repos`));
      repos.forEach(take);
    } else if (connector.platform === "azure_devops") {
      const orgs = await devOpsList(client, connector.id, "azureDevOpsOrgs");
      inventory.items += orgs.length;
      await mapConcurrently(orgs, INVENTORY_CONCURRENCY, async (org) => {
        const projects = await devOpsList(client, connector.id, `azureDevOpsOrgs/${nameOf(org)}/projects`);
        inventory.items += projects.length;
        const repos = await mapConcurrently(projects, INVENTORY_CONCURRENCY, (project) => devOpsList(client, connector.id, `azureDevOpsOrgs/${nameOf(org)}/projects/${nameOf(project)}/repos`));
        repos.forEach(take);
      });
    } else if (connector.platform === "gitlab") {
      // Rampart has no GitLab repositories to link; the connector row itself is kept.
      inventory.failures.push(`${connector.id}: GitLab inventory is not linked (Rampart has no GitLab source)`);
    }
  });
  return inventory;
}
