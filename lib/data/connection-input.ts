// What an admin may submit as a connection. Secrets are references only, and narrower than what
// the demo or an operator's config may use: an admin can point a connection at
//   env:RAMPART_CONN_<NAME>        — variables set aside for connection secrets, or
//   file:<RAMPART_DATA_DIR>/secrets/…  — files in the secrets folder,
// so a connection cannot be aimed at DATABASE_URL or /etc/… and send it to an arbitrary host.
import path from "node:path";
import { z } from "zod";
import { env } from "../env";
import { GitHubAppConfig, GitHubTokenConfig } from "../ingest/github/sync-connection";
import { AzureDevOpsConnectionConfigSchema } from "../sources/azure-devops/connection-config";

export function secretsDirectory(): string {
  return path.resolve(env().RAMPART_DATA_DIR, "secrets");
}

function adminSecretRefAllowed(ref: string): boolean {
  if (/^env:RAMPART_CONN_[A-Z0-9_]+$/.test(ref)) return true;
  if (!ref.startsWith("file:/")) return false;
  const file = path.resolve(ref.slice(5));
  return file.startsWith(secretsDirectory() + path.sep);
}

const BaseUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    return url.protocol === "https:" || (url.protocol === "http:" && loopback);
  }, "must be https (http only on loopback)");

const AzureSubscriptionConfig = z.object({ subscriptionId: z.string().uuid(), tenantId: z.string().min(1), clientId: z.string().optional(), authorityHost: z.string().url().optional() });
const AzureManagementGroupConfig = z.object({ managementGroupId: z.string().min(1), tenantId: z.string().min(1), clientId: z.string().optional(), authorityHost: z.string().url().optional() });

const CONFIG_BY_KIND = {
  github_app: GitHubAppConfig,
  github_token: GitHubTokenConfig,
  azure_subscription: AzureSubscriptionConfig,
  azure_management_group: AzureManagementGroupConfig,
  azure_devops_org: AzureDevOpsConnectionConfigSchema,
} as const;

export const ConnectionSubmission = z
  .object({
    kind: z.enum(["github_app", "github_token", "azure_subscription", "azure_management_group", "azure_devops_org"]),
    displayName: z.string().trim().min(1).max(100),
    baseUrl: BaseUrl,
    config: z.record(z.string(), z.unknown()),
    secretRef: z
      .string()
      .max(500)
      .nullable()
      .refine((ref) => ref === null || adminSecretRefAllowed(ref), "must be env:RAMPART_CONN_<NAME> or file: under the secrets folder"),
  })
  .superRefine((value, ctx) => {
    const parsed = CONFIG_BY_KIND[value.kind].safeParse(value.config);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["config", ...issue.path] } as z.core.$ZodRawIssue);
  });
export type ConnectionSubmission = z.infer<typeof ConnectionSubmission>;
