// The non-secret settings of an `azure_devops_org` connection, and how each auth choice uses
// the connection's secret reference.
//
//   auth "entra" (default) — an Entra bearer token for the Azure DevOps resource. The credential
//     chain (credential.ts) prefers identities without a long-lived secret: workload identity
//     federation or a managed identity when the host provides one, else DefaultAzureCredential
//     (which includes the Azure CLI for local use). When the connection has a secret reference,
//     it is the app registration's client secret (tenantId + clientId required), used only
//     after the federated identities of the host.
//   auth "pat" — an explicit fallback for organizations not backed by Entra: the secret
//     reference holds a personal access token with the vso.auditlog scope.
import { z } from "zod";

export const AzureDevOpsConnectionConfigSchema = z.object({
  /** The organization's name as in https://dev.azure.com/{organization}. */
  organization: z.string().min(1),
  auth: z.enum(["entra", "pat"]).default("entra"),
  tenantId: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
  /** Entra authority host for sovereign clouds or a local identity provider (no tenant in it). */
  authorityHost: z.url().optional(),
  /** Where the audit service lives, when it is not derived from the connection's base URL. */
  auditBaseUrl: z.url().optional(),
  /** Where the identity service (Graph) lives, when it is not derived from the connection's base URL. */
  identityBaseUrl: z.url().optional(),
  /** How far an incremental sync reaches back before the last watermark: the audit log can publish entries late. */
  overlapMinutes: z.number().int().min(0).max(24 * 60).default(60),
});

export type AzureDevOpsConnectionConfig = z.infer<typeof AzureDevOpsConnectionConfigSchema>;

const CLOUD_HOST = "dev.azure.com";

/**
 * The audit service's base URL. On Azure DevOps Services the audit API is served from
 * auditservice.dev.azure.com while everything else is on dev.azure.com; any other base URL
 * (Azure DevOps Server, a proxy, an emulator) serves both.
 */
export function auditBaseUrlOf(baseUrl: string, config: Pick<AzureDevOpsConnectionConfig, "auditBaseUrl">): string {
  if (config.auditBaseUrl) return config.auditBaseUrl.replace(/\/$/, "");
  const url = new URL(baseUrl);
  if (url.hostname.toLowerCase() === CLOUD_HOST) url.hostname = `auditservice.${CLOUD_HOST}`;
  return url.toString().replace(/\/$/, "");
}

/** The identity service's base URL: vssps.dev.azure.com on Azure DevOps Services, else the base URL. */
export function identityBaseUrlOf(baseUrl: string, config: Pick<AzureDevOpsConnectionConfig, "identityBaseUrl">): string {
  if (config.identityBaseUrl) return config.identityBaseUrl.replace(/\/$/, "");
  const url = new URL(baseUrl);
  if (url.hostname.toLowerCase() === CLOUD_HOST) url.hostname = `vssps.${CLOUD_HOST}`;
  return url.toString().replace(/\/$/, "");
}
