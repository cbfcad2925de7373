// Secret scanning alerts: type, provider, validity, push-protection bypasses and the commit
// locations of the leak, derived from the row. Shared by REST routes and webhooks.
import type { EmulatorContext } from "../../core/context";
import { DISMISS_REASONS, type AlertRow } from "../../world/alerts";
import { SECRET_TYPES, type SecretType } from "../../world/catalogs";
import type { Organization, Repository } from "../../world/github";
import { simpleRepository } from "../objects/repositories";
import { memberUser } from "../objects/users";
import { apiBase, iso, webBase } from "../objects/urls";
import type { Schema } from "../schema-types";
import { locationOf, saltChance, saltPick, secretValue } from "./derived";

export type SecretAlert = Schema<"secret-scanning-alert-with-metadata">;
export type SecretLocation = Schema<"secret-scanning-location">;

const PROVIDERS: Record<string, [name: string, slug: string]> = {
  github_personal_access_token: ["GitHub", "github_secret_scanning"],
  aws_access_key_id: ["Amazon AWS", "aws"],
  azure_storage_account_key: ["Azure", "azure"],
  azure_devops_personal_access_token: ["Azure DevOps", "azure_devops"],
  slack_incoming_webhook_url: ["Slack", "slack"],
  stripe_api_key: ["Stripe", "stripe"],
  npm_access_token: ["npm", "npm"],
  google_api_key: ["Google Cloud", "google_cloud"],
};

export const secretTypeOf = (row: AlertRow): SecretType => SECRET_TYPES[row.catalogIndex % SECRET_TYPES.length]!;
export const providerOf = (type: string): [string, string] => PROVIDERS[type] ?? ["Generic", "generic"];
export const validityOf = (row: AlertRow): "active" | "inactive" | "unknown" =>
  row.state === "resolved" ? saltPick(row.salt, "validity", ["inactive", "inactive", "unknown"] as const) : saltPick(row.salt, "validity", ["active", "active", "unknown", "inactive"] as const);
export const publiclyLeaked = (row: AlertRow): boolean => saltChance(row.salt, "public", 0.03);
export const multiRepo = (row: AlertRow): boolean => saltChance(row.salt, "multi", 0.05);
/** How many places the secret was found (the first is where it was detected). */
export const locationCount = (row: AlertRow): number => 1 + (row.salt % 7 === 0 ? 2 : row.salt % 5 === 0 ? 1 : 0);

/** Whether the secret was pushed past push protection (fixed at detection, whatever the setting is now). */
export const bypassed = (row: AlertRow): boolean => saltChance(row.salt, "bypass", 0.08);

function commitLocation(ctx: EmulatorContext, repo: Repository, row: AlertRow, index: number): Schema<"secret-scanning-location-commit"> {
  const l = locationOf(row.salt, saltPick(row.salt, "lang", ["javascript", "python", "go", "actions"]), index);
  const url = `${apiBase(ctx)}/repos/${repo.fullName}`;
  return {
    path: l.path,
    start_line: l.startLine,
    end_line: l.startLine,
    start_column: l.startColumn,
    end_column: l.endColumn,
    blob_sha: l.blobSha,
    blob_url: `${url}/git/blobs/${l.blobSha}`,
    commit_sha: l.commitSha,
    commit_url: `${url}/git/commits/${l.commitSha}`,
    html_url: `${webBase(ctx)}/${repo.fullName}/blob/${l.commitSha}/${l.path}#L${l.startLine}`,
  };
}

export function secretLocations(ctx: EmulatorContext, repo: Repository, row: AlertRow): SecretLocation[] {
  return Array.from({ length: locationCount(row) }, (_, i) => ({ type: "commit" as const, details: commitLocation(ctx, repo, row, i) }));
}

/** The alert without its repository; `hideSecret` drops the value (hide_secret=true). */
export function secretScanningAlert(ctx: EmulatorContext, org: Organization, repo: Repository, row: AlertRow, hideSecret: boolean): SecretAlert {
  const type = secretTypeOf(row);
  const [provider, providerSlug] = providerOf(type.type);
  const resolved = row.state === "resolved";
  const url = `${apiBase(ctx)}/repos/${repo.fullName}/secret-scanning/alerts/${row.number}`;
  const wasBypassed = bypassed(row);
  const pusher = memberUser(ctx, org, row.salt % org.members.length);
  return {
    number: row.number,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    url,
    html_url: `${webBase(ctx)}/${repo.fullName}/security/secret-scanning/${row.number}`,
    locations_url: `${url}/locations`,
    state: resolved ? "resolved" : "open",
    resolution: resolved ? (DISMISS_REASONS.secret_scanning[row.reasonIndex] as SecretAlert["resolution"]) : null,
    resolved_at: resolved && row.closedAt !== null ? iso(row.closedAt) : null,
    resolved_by: resolved && row.closedBy !== null ? memberUser(ctx, org, row.closedBy) : null,
    resolution_comment: resolved && saltChance(row.salt, "comment", 0.4) ? "Rotated the credential and removed it from history." : null,
    secret_type: type.type,
    secret_type_display_name: type.displayName,
    provider,
    provider_slug: providerSlug,
    ...(hideSecret ? {} : { secret: secretValue(row.salt, type.type) }),
    push_protection_bypassed: wasBypassed,
    push_protection_bypassed_by: wasBypassed ? pusher : null,
    push_protection_bypassed_at: wasBypassed ? iso(row.createdAt) : null,
    push_protection_bypass_request_reviewer: null,
    push_protection_bypass_request_reviewer_comment: null,
    push_protection_bypass_request_comment: null,
    push_protection_bypass_request_html_url: null,
    validity: validityOf(row),
    publicly_leaked: publiclyLeaked(row),
    multi_repo: multiRepo(row),
    is_base64_encoded: false,
    first_location_detected: commitLocation(ctx, repo, row, 0),
    has_more_locations: locationCount(row) > 1,
    assigned_to: null,
  };
}

/** An item of GET /orgs/{org}/secret-scanning/alerts. */
export function secretScanningOrgItem(ctx: EmulatorContext, org: Organization, row: AlertRow, hideSecret: boolean): Schema<"organization-secret-scanning-alert"> {
  const repo = org.repos[row.repoIndex]!;
  return { ...secretScanningAlert(ctx, org, repo, row, hideSecret), repository: simpleRepository(ctx, org, repo) };
}
