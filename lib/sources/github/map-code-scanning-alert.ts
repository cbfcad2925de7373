// Code scanning alert → Finding. Severity: the rule's security severity first (critical/high/
// medium/low), else the SARIF level: error → high, warning → medium, note → low, none → info.
// IaC and container tools land in the CD stage as iac/container findings; the rest is CI code.
import { fingerprint } from "../../ingest/fingerprint";
import type { NormalizedFinding } from "../../ingest/normalized-finding";
import { CodeScanningAlertSchema } from "./alert-schemas";
import { date, describeIssues, orFallback, referenceOf, type MapResult } from "./map-result";

const SECURITY_SEVERITY: Record<string, NormalizedFinding["severity"]> = { critical: "critical", high: "high", medium: "medium", low: "low" };
const SARIF_LEVEL: Record<string, NormalizedFinding["severity"]> = { error: "high", warning: "medium", note: "low", none: "info" };
const IAC_TOOLS = /checkov|tfsec|terrascan|kics|trivy config|tflint|bicep|arm-ttk|template analyzer|msdo.*iac/i;
const CONTAINER_TOOLS = /trivy|grype|anchore|snyk container|docker scout|clair/i;

function kindOf(toolName: string, tags: string[]): { kind: NormalizedFinding["kind"]; stage: NormalizedFinding["stage"] } {
  if (IAC_TOOLS.test(toolName) || tags.some((t) => /^(iac|terraform|bicep|kubernetes|cloudformation)$/i.test(t))) return { kind: "iac", stage: "cd" };
  if (CONTAINER_TOOLS.test(toolName) || tags.some((t) => /^(container|docker|image)$/i.test(t))) return { kind: "container", stage: "cd" };
  return { kind: "code", stage: "ci" };
}

const STATE: Record<string, NormalizedFinding["state"]> = { open: "open", fixed: "fixed", dismissed: "dismissed", closed: "fixed" };

export function mapCodeScanningAlert(raw: unknown): MapResult {
  const parsed = CodeScanningAlertSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reference: referenceOf(raw), error: describeIssues(parsed.error) };
  const alert = parsed.data;
  const warnings: string[] = [];
  const tags = alert.rule.tags ?? [];
  const toolName = alert.tool.name ?? "unknown tool";
  const { kind, stage } = kindOf(toolName, tags);
  const securityLevel = alert.rule.security_severity_level?.toLowerCase() ?? "";
  const sarifLevel = alert.rule.severity?.toLowerCase() ?? "";
  const severity = orFallback(SECURITY_SEVERITY[securityLevel] ?? SARIF_LEVEL[sarifLevel], "medium", "severity", securityLevel || sarifLevel, warnings);
  const state = orFallback(STATE[alert.state], "open", "state", alert.state, warnings);
  const ruleId = alert.rule.id ?? alert.rule.name ?? "unknown-rule";
  const location = alert.most_recent_instance?.location;
  const path = location?.path ?? null;
  const line = location?.start_line ?? null;
  return {
    ok: true,
    warnings,
    finding: {
      source: "github",
      sourceId: `code_scanning:${alert.repository.id}:${alert.number}`,
      kind,
      repositorySourceId: String(alert.repository.id),
      cloudResourceId: null,
      ruleId,
      ruleName: alert.rule.name ?? null,
      title: alert.rule.description || alert.rule.name || ruleId,
      severity,
      sourceSeverity: [sarifLevel, securityLevel].filter(Boolean).join("/") || null,
      state,
      stage,
      fingerprint: fingerprint({ kind, subject: String(alert.repository.id), ruleId, location: `${path ?? ""}:${line ?? ""}` }),
      locationPath: path,
      locationLine: line,
      details: {
        tool: { name: toolName, version: alert.tool.version ?? null },
        cwes: tags.filter((t) => t.startsWith("external/cwe/")).map((t) => t.slice("external/cwe/".length).toUpperCase()),
        ref: alert.most_recent_instance?.ref ?? null,
        commitSha: alert.most_recent_instance?.commit_sha ?? null,
        category: alert.most_recent_instance?.category ?? null,
        classifications: (alert.most_recent_instance?.classifications ?? []).filter(Boolean),
        repository: alert.repository.full_name,
        number: alert.number,
        dismissedComment: alert.dismissed_comment ?? null,
      },
      url: alert.html_url,
      cveId: null,
      cvssScore: null,
      sourceCreatedAt: new Date(alert.created_at),
      sourceUpdatedAt: date(alert.updated_at),
      fixedAt: date(alert.fixed_at),
      dismissedAt: date(alert.dismissed_at),
      dismissedReason: alert.dismissed_reason ?? null,
      dismissedBy: alert.dismissed_by?.login ?? null,
      resolvedAt: null,
    },
  };
}
