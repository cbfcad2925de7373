// The Entra credential for an Azure DevOps connection (see connection-config.ts for the choice
// between Entra and a PAT). Tokens are for the Azure DevOps resource; the audit API accepts
// any token issued for it.
import {
  ChainedTokenCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from "@azure/identity";
import type { AzureDevOpsConnectionConfig } from "./connection-config";

/** Azure DevOps' well-known resource id; `.default` asks for the permissions granted to the identity. */
export const AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";

export class MissingCredentialSettingError extends Error {
  constructor(setting: string) {
    super(`The Azure DevOps connection has a client secret but no ${setting}; set it in the connection's settings.`);
    this.name = "MissingCredentialSettingError";
  }
}

/** The host's federated identities (no stored secret), in the order DefaultAzureCredential tries them. */
function hostIdentities(config: AzureDevOpsConnectionConfig, environment: NodeJS.ProcessEnv): TokenCredential[] {
  const found: TokenCredential[] = [];
  if (environment.AZURE_FEDERATED_TOKEN_FILE) {
    found.push(new WorkloadIdentityCredential({ tenantId: config.tenantId, clientId: config.clientId, ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}) }));
  }
  if (environment.IDENTITY_ENDPOINT || environment.MSI_ENDPOINT) {
    found.push(config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential());
  }
  return found;
}

/**
 * Federated identities first, the connection's client secret as the fallback, and
 * DefaultAzureCredential when there is no secret at all (managed identity probing, Azure CLI).
 * A host identity is only tried when its environment says it exists: probing IMDS on a machine
 * without one costs seconds per sync.
 */
export function azureDevOpsCredential(config: AzureDevOpsConnectionConfig, clientSecret: string | null, environment: NodeJS.ProcessEnv = process.env): TokenCredential {
  const federated = hostIdentities(config, environment);
  if (clientSecret) {
    if (!config.tenantId) throw new MissingCredentialSettingError("tenantId");
    if (!config.clientId) throw new MissingCredentialSettingError("clientId");
    const secretCredential = new ClientSecretCredential(config.tenantId, config.clientId, clientSecret, {
      ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}),
      // A custom authority host (sovereign cloud proxy, local identity provider) is not in
      // Microsoft's instance-discovery list; skipping discovery makes MSAL trust it as given.
      ...(config.authorityHost ? { disableInstanceDiscovery: true } : {}),
    });
    return federated.length > 0 ? new ChainedTokenCredential(...federated, secretCredential) : secretCredential;
  }
  if (federated.length > 0) return federated.length === 1 ? federated[0]! : new ChainedTokenCredential(...federated);
  return new DefaultAzureCredential({
    ...(config.tenantId ? { tenantId: config.tenantId } : {}),
    ...(config.clientId ? { managedIdentityClientId: config.clientId, workloadIdentityClientId: config.clientId } : {}),
    ...(config.authorityHost ? { authorityHost: config.authorityHost } : {}),
  });
}
