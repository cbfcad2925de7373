// What Rampart reads from GitHub's org-level alert endpoints. Liberal on purpose: unknown
// fields pass, and fields GitHub's schema and its own examples disagree on (types, nulls)
// are accepted in every form seen, so a valid alert is never dropped for a cosmetic reason.
import { z } from "zod";

const timestamp = z.string().datetime({ offset: true });
const nullableTimestamp = timestamp.nullish();
const user = z.object({ login: z.string() }).passthrough().nullish();
/** Numbers GitHub sometimes sends as strings ("0.16001e0" for an epss percentile in its own example). */
const looseNumber = z
  .union([z.number(), z.string().trim().refine((s) => s !== "" && Number.isFinite(Number(s)), "not a number").transform(Number)])
  .nullish();

export const AlertRepositorySchema = z
  .object({ id: z.number().int(), node_id: z.string().optional(), name: z.string(), full_name: z.string(), html_url: z.string().optional() })
  .passthrough();

export const CodeScanningAlertSchema = z
  .object({
    number: z.number().int(),
    created_at: timestamp,
    updated_at: nullableTimestamp,
    html_url: z.string(),
    state: z.string(),
    fixed_at: nullableTimestamp,
    dismissed_by: user,
    dismissed_at: nullableTimestamp,
    dismissed_reason: z.string().nullish(),
    dismissed_comment: z.string().nullish(),
    rule: z
      .object({
        id: z.string().nullish(),
        name: z.string().nullish(),
        severity: z.string().nullish(),
        security_severity_level: z.string().nullish(),
        description: z.string().nullish(),
        tags: z.array(z.string()).nullish(),
      })
      .passthrough(),
    tool: z.object({ name: z.string().nullish(), guid: z.string().nullish(), version: z.string().nullish() }).passthrough(),
    most_recent_instance: z
      .object({
        ref: z.string().nullish(),
        category: z.string().nullish(),
        commit_sha: z.string().nullish(),
        location: z.object({ path: z.string().nullish(), start_line: z.number().int().nullish() }).passthrough().nullish(),
        classifications: z.array(z.string().nullable()).nullish(),
      })
      .passthrough()
      .nullish(),
    repository: AlertRepositorySchema,
  })
  .passthrough();

export const SecretScanningAlertSchema = z
  .object({
    number: z.number().int(),
    created_at: timestamp,
    updated_at: nullableTimestamp,
    html_url: z.string(),
    // Webhook deliveries carry no state: it is open until a resolution is set.
    state: z.string().optional(),
    resolution: z.string().nullish(),
    resolved_at: nullableTimestamp,
    resolved_by: user,
    resolution_comment: z.string().nullish(),
    secret_type: z.string(),
    secret_type_display_name: z.string().nullish(),
    push_protection_bypassed: z.boolean().nullish(),
    push_protection_bypassed_by: user,
    push_protection_bypassed_at: nullableTimestamp,
    validity: z.string().nullish(),
    publicly_leaked: z.boolean().nullish(),
    multi_repo: z.boolean().nullish(),
    first_location_detected: z.object({ path: z.string().nullish(), start_line: z.number().int().nullish() }).passthrough().nullish(),
    repository: AlertRepositorySchema,
  })
  .passthrough();

export const DependabotAlertSchema = z
  .object({
    number: z.number().int(),
    state: z.string(),
    created_at: timestamp,
    updated_at: nullableTimestamp,
    html_url: z.string(),
    dismissed_at: nullableTimestamp,
    dismissed_by: user,
    dismissed_reason: z.string().nullish(),
    dismissed_comment: z.string().nullish(),
    fixed_at: nullableTimestamp,
    auto_dismissed_at: nullableTimestamp,
    dependency: z
      .object({
        package: z.object({ ecosystem: z.string(), name: z.string() }).passthrough().nullish(),
        manifest_path: z.string().nullish(),
        scope: z.string().nullish(),
        relationship: z.string().nullish(),
      })
      .passthrough(),
    security_advisory: z
      .object({
        ghsa_id: z.string(),
        cve_id: z.string().nullish(),
        summary: z.string(),
        severity: z.string(),
        cvss: z.object({ score: looseNumber, vector_string: z.string().nullish() }).passthrough().nullish(),
        cvss_severities: z
          .object({
            cvss_v3: z.object({ score: looseNumber }).passthrough().nullish(),
            cvss_v4: z.object({ score: looseNumber }).passthrough().nullish(),
          })
          .passthrough()
          .nullish(),
        epss: z.union([z.object({ percentage: looseNumber, percentile: looseNumber }).passthrough(), z.array(z.unknown())]).nullish(),
        cwes: z.array(z.object({ cwe_id: z.string(), name: z.string().nullish() }).passthrough()).nullish(),
      })
      .passthrough(),
    security_vulnerability: z
      .object({
        severity: z.string().nullish(),
        vulnerable_version_range: z.string().nullish(),
        first_patched_version: z.object({ identifier: z.string() }).passthrough().nullish(),
      })
      .passthrough()
      .nullish(),
    repository: AlertRepositorySchema,
  })
  .passthrough();

export type CodeScanningAlert = z.infer<typeof CodeScanningAlertSchema>;
export type SecretScanningAlert = z.infer<typeof SecretScanningAlertSchema>;
export type DependabotAlert = z.infer<typeof DependabotAlertSchema>;
