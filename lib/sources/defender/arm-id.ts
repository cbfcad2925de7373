// ARM resource ids: what Rampart needs out of them (subscription, resource group, type, name)
// and the parent resource of Defender's child resources. ARM compares ids case-insensitively,
// so Rampart keys on the lower-cased form.
const SECURITY_CHILD = /\/providers\/microsoft\.security\/(assessments|locations)\//i;

export interface ParsedResourceId {
  /** The id lower-cased: how CloudResource rows and findings refer to it. */
  key: string;
  subscriptionId: string;
  resourceGroup: string | null;
  /** "Microsoft.Compute/virtualMachines", nested types joined ("Microsoft.Sql/servers/databases"). */
  type: string;
  name: string;
}

/** Lower-cased id, without a trailing slash. */
export function armKey(id: string): string {
  return id.trim().replace(/\/+$/, "").toLowerCase();
}

/** The resource an assessment, sub-assessment or alert id hangs off (the id itself when it is not a child). */
export function parentResourceId(id: string): string {
  const match = SECURITY_CHILD.exec(id);
  return match ? id.slice(0, match.index) : id;
}

/** Splits a resource id; null when it is not under a subscription. */
export function parseResourceId(id: string): ParsedResourceId | null {
  const parts = id.replace(/^\/+|\/+$/g, "").split("/");
  if (parts[0]?.toLowerCase() !== "subscriptions" || !parts[1]) return null;
  const subscriptionId = parts[1].toLowerCase();
  let resourceGroup: string | null = null;
  let rest = parts.slice(2);
  if (rest[0]?.toLowerCase() === "resourcegroups" && rest[1]) {
    resourceGroup = rest[1];
    rest = rest.slice(2);
  }
  // The last provider segment decides the type: /providers/<namespace>/<type>/<name>[/<type>/<name>…]
  const providerAt = rest.map((p) => p.toLowerCase()).lastIndexOf("providers");
  if (providerAt < 0 || !rest[providerAt + 1]) {
    if (rest.length === 0) return { key: armKey(id), subscriptionId, resourceGroup, type: resourceGroup ? "Microsoft.Resources/resourceGroups" : "Microsoft.Resources/subscriptions", name: resourceGroup ?? subscriptionId };
    return null;
  }
  const namespace = rest[providerAt + 1]!;
  const tail = rest.slice(providerAt + 2);
  const types = tail.filter((_, i) => i % 2 === 0);
  const name = tail.length % 2 === 0 ? tail[tail.length - 1] : undefined;
  if (types.length === 0 || !name) return null;
  return { key: armKey(id), subscriptionId, resourceGroup, type: `${namespace}/${types.join("/")}`, name };
}
