// Code scanning alerts as GitHub returns them: rule, tool (CodeQL) and most_recent_instance with
// a location derived from the row. Shared by the REST routes and the webhook payloads.
import type { EmulatorContext } from "../../core/context";
import { CODE_RULES, type CodeRule } from "../../world/catalogs";
import { DISMISS_REASONS, type AlertRow } from "../../world/alerts";
import type { Organization, Repository } from "../../world/github";
import { simpleRepository } from "../objects/repositories";
import { memberUser } from "../objects/users";
import { apiBase, iso, webBase } from "../objects/urls";
import type { Schema } from "../schema-types";
import { locationOf, saltChance } from "./derived";

export const CODEQL_VERSION = "2.20.4";
export type CodeScanningAlert = Schema<"code-scanning-alert">;

/** A code scanning alert's state: fixed and dismissed stay, resolved never happens here. */
export function codeState(row: AlertRow): "open" | "dismissed" | "fixed" {
  return row.state === "dismissed" ? "dismissed" : row.state === "fixed" ? "fixed" : "open";
}

export const ruleOf = (row: AlertRow): CodeRule => CODE_RULES[row.catalogIndex % CODE_RULES.length]!;

function rule(r: CodeRule, detail: boolean): CodeScanningAlert["rule"] {
  const summary = {
    id: r.id,
    name: r.name,
    severity: r.severity,
    security_severity_level: r.securitySeverity,
    description: r.description,
    tags: r.tags,
  };
  if (!detail) return summary;
  return {
    ...summary,
    full_description: `${r.description}. Building this from user-controlled sources is vulnerable to injection and related attacks.`,
    help: `# ${r.description}\n\nValidate or sanitize untrusted input before it reaches this sink.`,
    help_uri: `https://codeql.github.com/codeql-query-help/${r.language}/${r.id.replace("/", "-")}/`,
  };
}

/** The alert without its repository (GET /repos/{owner}/{repo}/code-scanning/alerts/{n}, webhooks). */
export function codeScanningAlert(ctx: EmulatorContext, org: Organization, repo: Repository, row: AlertRow, detail: boolean): CodeScanningAlert {
  const r = ruleOf(row);
  const state = codeState(row);
  const location = locationOf(row.salt, r.language);
  const url = `${apiBase(ctx)}/repos/${repo.fullName}/code-scanning/alerts/${row.number}`;
  const dismissed = state === "dismissed";
  const category = `/language:${r.language}`;
  return {
    number: row.number,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    url,
    html_url: `${webBase(ctx)}/${repo.fullName}/security/code-scanning/${row.number}`,
    instances_url: `${url}/instances`,
    state,
    fixed_at: state === "fixed" && row.closedAt !== null ? iso(row.closedAt) : null,
    dismissed_by: dismissed && row.closedBy !== null ? memberUser(ctx, org, row.closedBy) : null,
    dismissed_at: dismissed && row.closedAt !== null ? iso(row.closedAt) : null,
    dismissed_reason: dismissed ? (DISMISS_REASONS.code_scanning[row.reasonIndex] as CodeScanningAlert["dismissed_reason"]) : null,
    dismissed_comment: dismissed && saltChance(row.salt, "comment", 0.5) ? "Input is validated upstream by the API gateway." : null,
    rule: rule(r, detail),
    tool: { name: "CodeQL", guid: null, version: CODEQL_VERSION },
    most_recent_instance: {
      ref: `refs/heads/${repo.defaultBranch}`,
      analysis_key: "dynamic/github-code-scanning/codeql:analyze",
      environment: JSON.stringify({ build_mode: "none", category, language: r.language, runner: '["ubuntu-latest"]' }),
      category,
      state,
      commit_sha: location.commitSha,
      message: { text: `${r.description}.` },
      location: { path: location.path, start_line: location.startLine, end_line: location.endLine, start_column: location.startColumn, end_column: location.endColumn },
      classifications: [],
    },
    dismissal_approved_by: null,
    assignees: [],
  };
}

/** An item of GET /orgs/{org}/code-scanning/alerts: the alert plus its repository. */
export function codeScanningOrgItem(ctx: EmulatorContext, org: Organization, row: AlertRow): Schema<"code-scanning-organization-alert-items"> {
  const repo = org.repos[row.repoIndex]!;
  return { ...codeScanningAlert(ctx, org, repo, row, false), repository: simpleRepository(ctx, org, repo) };
}
