// Builds RepositoryEvidence for rule tests: an empty GitHub repository unless told otherwise.
import { emptyFindings, emptyRemediation, type FindingBucketName, type RepositoryEvidence, type Severity } from "./evidence";
import { DEFAULT_SCORING_SETTINGS } from "./settings";

export const TEST_NOW = new Date("2026-06-15T12:00:00Z");

export function evidenceFor(overrides: Partial<Omit<RepositoryEvidence, "repository">> & { repository?: Partial<RepositoryEvidence["repository"]> } = {}): RepositoryEvidence {
  const { repository, ...rest } = overrides;
  return {
    repository: { id: "00000000-0000-0000-0000-000000000001", platform: "github", sourceId: "1", fullName: "acme/api", name: "api", defaultBranch: "main", organizationId: "org", projectName: null, archived: false, ...repository },
    settings: {},
    findings: emptyFindings(),
    remediation: emptyRemediation(),
    cloud: { linkedResources: 0, subscriptions: [], secureScorePercent: null },
    audit: null,
    config: structuredClone(DEFAULT_SCORING_SETTINGS),
    now: TEST_NOW,
    ...rest,
  };
}

/** Adds findings to one bucket: `open` and `beyond` by severity, `total` ever seen. */
export function withFindings(e: RepositoryEvidence, bucket: FindingBucketName, counts: { total: number; open?: Partial<Record<Severity, number>>; beyond?: Partial<Record<Severity, number>>; lastActivityDay?: string }): RepositoryEvidence {
  const b = e.findings[bucket];
  b.total = counts.total;
  Object.assign(b.open, counts.open ?? {});
  Object.assign(b.openBeyondSla, counts.beyond ?? {});
  b.lastActivityDay = counts.lastActivityDay ?? null;
  if (counts.open) b.openIds = ["1"];
  if (counts.beyond) b.beyondSlaIds = ["1"];
  return e;
}
