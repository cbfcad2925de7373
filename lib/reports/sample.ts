// A deterministic, database-free PostureReport for tests, previews and benchmarks. Same options,
// same report: a small seeded generator stands in for randomness.
import { SCORECARD_CHECKS, SSDF_PRACTICES } from "./frameworks";
import { CONTROL_STATUSES, SEVERITIES, STAGES } from "./model";
import type { ControlReport, FindingRow, PostureReport, ReportScope, Severity } from "./model";
import { summarizeOpenFindings } from "./findings-summary";

export interface SampleOptions {
  controls?: number;
  findings?: number;
  scope?: ReportScope;
  asOf?: string;
  seed?: number;
}

const DAY_MS = 86_400_000;
/** SLA targets in days per severity used by the sample (the real ones come from settings). */
export const SAMPLE_SLA_DAYS: Record<Severity, number> = { critical: 7, high: 30, medium: 90, low: 180, info: 365 };

function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: tiny, deterministic, good enough for fixtures.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const SSDF_TASKS = SSDF_PRACTICES.flatMap((p) => p.tasks.map(([id]) => id));

/** A plausible report with `controls` controls and `findings` open findings. */
export function samplePostureReport(options: SampleOptions = {}): PostureReport {
  const { controls: controlCount = 12, findings: findingCount = 40, seed = 8 } = options;
  const scope = options.scope ?? { kind: "org", id: "contoso", name: "Contoso Engineering" };
  const asOf = options.asOf ?? "2025-09-30T23:59:59.999Z";
  const asOfMs = Date.parse(asOf);
  const rnd = generator(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();

  const findings: FindingRow[] = Array.from({ length: findingCount }, (_, i) => {
    const severity = pick(SEVERITIES);
    const firstSeen = asOfMs - Math.floor(rnd() * 200) * DAY_MS - i * 1000;
    return {
      id: String(100_000 + i),
      title: `${pick(["SQL injection in", "Hard-coded secret in", "Vulnerable dependency in", "Missing approval on", "Public storage in"])} ${pick(["api", "web", "billing", "infra", "auth"])}/${i}`,
      severity,
      state: "open",
      stage: pick(STAGES),
      repository: `${scope.id}/${pick(["api", "web", "billing", "infra", "auth"])}`,
      firstSeenAt: iso(firstSeen),
      dueAt: iso(firstSeen + SAMPLE_SLA_DAYS[severity] * DAY_MS),
      url: `https://github.com/${scope.id}/repo/security/code-scanning/${i}`,
    };
  });

  const controls: ControlReport[] = Array.from({ length: controlCount }, (_, i) => {
    const stage = STAGES[i % STAGES.length]!;
    const status = pick(CONTROL_STATUSES);
    const failing = status === "fail" || status === "partial" ? findings.filter((f) => f.stage === stage).slice(0, 3).map((f) => f.id) : [];
    return {
      id: `${stage.replace("_", "-")}.control-${String(i + 1).padStart(2, "0")}`,
      title: `${pick(["Secret scanning", "Branch protection", "Code scanning", "Dependabot alerts", "Environment approvals", "Defender plan"])} control ${i + 1}`,
      stage,
      status,
      score: status === "pass" || status === "accepted" ? 1 : status === "fail" ? 0 : status === "partial" ? 0.5 : null,
      evidence: { repositoriesChecked: 20 + (i % 7), repositoriesPassing: status === "pass" ? 20 + (i % 7) : i % 13, setting: i % 2 === 0 ? "enabled" : "disabled", findingIds: failing },
      remediation: "Enable the setting on every repository of the scope, or record a risk acceptance.",
      mappings: { ssdf: [SSDF_TASKS[i % SSDF_TASKS.length]!, SSDF_TASKS[(i * 7 + 3) % SSDF_TASKS.length]!], scorecard: [SCORECARD_CHECKS[i % SCORECARD_CHECKS.length]!.id], dsomm: [`Build and Deployment: activity ${(i % 5) + 1}`] },
      evaluatedAt: iso(asOfMs - (i % 5) * 3_600_000),
      failingFindingIds: failing,
    };
  });

  const days = Array.from({ length: 30 }, (_, d) => iso(asOfMs - (29 - d) * DAY_MS).slice(0, 10));
  return {
    scope,
    asOf,
    period: { from: iso(asOfMs - 30 * DAY_MS + 1), to: asOf },
    generatedAt: "2025-11-04T09:15:00.000Z",
    viewer: { upn: "lead@contoso.example", roles: ["security-lead"] },
    stageScores: STAGES.map((stage, s) => ({
      stage,
      score: s === 3 && controlCount === 0 ? null : 55 + s * 9,
      trend: days.map((day, d) => ({ day, score: Math.round((50 + s * 9 + d / 6) * 10) / 10 })),
    })),
    controls,
    openFindings: summarizeOpenFindings(findings, asOf),
    mttr: SEVERITIES.map((severity, s) => ({ severity, meanHours: s === 4 ? null : 20 + s * 40, closedCount: s === 4 ? 0 : 10 - s, slaHours: SAMPLE_SLA_DAYS[severity] * 24 })),
    riskAcceptances: {
      inForce: [{ id: "ra-1", subject: `finding ${findings[0]?.id ?? "100000"}`, reason: "Compensating WAF rule in front of the service", acceptedBy: "ciso@contoso.example", approvedAt: iso(asOfMs - 20 * DAY_MS), expiresAt: iso(asOfMs + 40 * DAY_MS) }],
      expired: [{ id: "ra-0", subject: "rule js/sql-injection in contoso/legacy", reason: "Service being retired", acceptedBy: "ciso@contoso.example", approvedAt: iso(asOfMs - 120 * DAY_MS), expiresAt: iso(asOfMs - 10 * DAY_MS) }],
    },
    syncCoverage: [
      { source: "github", stream: "code-scanning", lastSuccessAt: iso(asOfMs - 3_600_000) },
      { source: "github", stream: "dependabot", lastSuccessAt: iso(asOfMs - 2 * 3_600_000) },
      { source: "defender", stream: "assessments", lastSuccessAt: iso(asOfMs - 26 * 3_600_000) },
      { source: "azure-devops", stream: "audit-log", lastSuccessAt: null },
    ],
    findings,
  };
}
