// The credential a Defender connection signs in with. No long-lived secret first: against
// Azure (no authorityHost configured) the DefaultAzureCredential chain — workload identity
// federation, managed identity, Azure CLI for local use — and only when the connection names a
// secret, a client secret or certificate after it as the fallback. A connection with its own
// authorityHost (a sovereign cloud, or the local emulator) uses that secret directly.
import { ChainedTokenCredential, ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import { z } from "zod";

export const DefenderConnectionConfigSchema = z
  .object({
    tenantId: z.string().min(1),
    /** One subscription (the usual case) or several, read with bounded concurrency. */
    subscriptionId: z.string().min(1).optional(),
    subscriptionIds: z.array(z.string().min(1)).optional(),
    /** App registration used with a secret/certificate fallback, or a user-assigned identity's client id. */
    clientId: z.string().min(1).optional(),
    /** Entra authority host without tenant, e.g. https://login.microsoftonline.us; the emulator's in the demo. */
    authorityHost: z.string().url().optional(),
    /** ARM audience; https://management.azure.com unless in a sovereign cloud. */
    armScope: z.string().optional(),
  })
  .passthrough()
  .refine((c) => c.subscriptionId || c.subscriptionIds?.length, "subscriptionId or subscriptionIds is required");

export type DefenderConnectionConfig = z.infer<typeof DefenderConnectionConfigSchema>;

export function subscriptionsOf(config: DefenderConnectionConfig): string[] {
  return [...new Set([...(config.subscriptionId ? [config.subscriptionId] : []), ...(config.subscriptionIds ?? [])])];
}

const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function secretCredential(config: DefenderConnectionConfig, secret: string): TokenCredential {
  if (!config.clientId) throw new Error("The connection has a secret but no clientId to use it with");
  const options = config.authorityHost ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true } : {};
  // A PEM with a private key is a certificate credential (key and certificate in one file).
  if (PEM.test(secret)) return new ClientCertificateCredential(config.tenantId, config.clientId, { certificate: secret }, options);
  return new ClientSecretCredential(config.tenantId, config.clientId, secret, options);
}

/** Builds the connection's credential; `secret` is the resolved secretRef, if it has one. */
export function createDefenderCredential(config: DefenderConnectionConfig, secret: string | null): TokenCredential {
  if (config.authorityHost) {
    if (!secret) throw new Error("A connection with its own authorityHost needs a client secret or certificate (secretRef)");
    return secretCredential(config, secret);
  }
  const chain: TokenCredential[] = [
    new DefaultAzureCredential({ tenantId: config.tenantId, managedIdentityClientId: config.clientId, workloadIdentityClientId: config.clientId }),
  ];
  if (secret) chain.push(secretCredential(config, secret));
  return chain.length === 1 ? chain[0]! : new ChainedTokenCredential(...chain);
}
