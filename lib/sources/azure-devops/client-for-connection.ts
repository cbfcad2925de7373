// A client for a stored `azure_devops_org` connection: its settings parsed, its secret resolved
// at the moment of use, the auth it asks for (see connection-config.ts).
import { resolveSecret } from "../secrets";
import { createAzureDevOpsClient, type AzureDevOpsClient } from "./client";
import { auditBaseUrlOf, identityBaseUrlOf, AzureDevOpsConnectionConfigSchema, type AzureDevOpsConnectionConfig } from "./connection-config";
import { azureDevOpsCredential } from "./credential";

export interface AzureDevOpsConnectionRow {
  baseUrl: string;
  config: unknown;
  secretRef: string | null;
}

/** Parses the connection's settings (throws a zod error naming the bad field). */
export function azureDevOpsConfigOf(connection: Pick<AzureDevOpsConnectionRow, "config">): AzureDevOpsConnectionConfig {
  return AzureDevOpsConnectionConfigSchema.parse(connection.config);
}

/** Builds the client; `newClient` gives each concurrent stream its own request meter. */
export async function azureDevOpsClientFor(connection: AzureDevOpsConnectionRow, maxRetries?: number): Promise<{ config: AzureDevOpsConnectionConfig; newClient: () => AzureDevOpsClient }> {
  const config = azureDevOpsConfigOf(connection);
  const auditBaseUrl = auditBaseUrlOf(connection.baseUrl, config);
  const common = { baseUrl: connection.baseUrl, auditBaseUrl, identityBaseUrl: identityBaseUrlOf(connection.baseUrl, config), organization: config.organization, maxRetries };
  if (config.auth === "pat") {
    const pat = await resolveSecret(connection.secretRef);
    return { config, newClient: () => createAzureDevOpsClient({ ...common, auth: { kind: "pat", pat } }) };
  }
  const secret = connection.secretRef ? await resolveSecret(connection.secretRef) : null;
  // One credential for all of the connection's clients: it caches the token between them.
  const credential = azureDevOpsCredential(config, secret);
  return { config, newClient: () => createAzureDevOpsClient({ ...common, auth: { kind: "entra", credential } }) };
}
