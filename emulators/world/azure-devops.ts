// Azure DevOps side: orgs → projects → repositories and pipelines (posture in
// azure-devops-posture.ts), and 90 days of audit log
// per org. Audit entries are never stored: entry i of an org is a pure function of (seed, org,
// i), with timestamps increasing in i, so 10M entries cost no memory and any time window maps
// to an index range by binary search. Mutations append segments of newer entries.
import { Rng } from "../core/random";
import type { Scale } from "./scale";
import { buildProjectPosture, buildRepoPosture, type AdoProjectPosture, type AdoRepoPosture } from "./azure-devops-posture";

const DAY = 86_400_000;
export const AUDIT_RETENTION_DAYS = 90;

export interface AdoProject {
  id: string;
  name: string;
  repos: ({ id: string; name: string; defaultBranch: string } & AdoRepoPosture)[];
  /** YAML pipelines (build definitions); pipeline k builds repository k. */
  pipelines: { id: number; name: string; repoId: string }[];
  posture: AdoProjectPosture;
}

export interface AuditSegment {
  /** First entry index of the segment. */
  start: number;
  count: number;
  from: number;
  to: number;
}

export interface AdoOrg {
  index: number;
  id: string;
  name: string;
  projects: AdoProject[];
  segments: AuditSegment[];
}

/**
 * Real Azure DevOps audit actions, with area and category as the service reports them (areas as
 * in the service's own GET _apis/audit/actions example: permission and group changes are
 * "Security", audit-log access is "Auditing").
 */
export const AUDIT_ACTIONS: { actionId: string; area: string; category: "Access" | "Create" | "Execute" | "Modify" | "Remove" | "Unknown"; weight: number }[] = [
  { actionId: "Git.RefUpdatePoliciesBypassed", area: "Git", category: "Modify", weight: 2 },
  { actionId: "Git.RepositoryCreated", area: "Git", category: "Create", weight: 3 },
  { actionId: "Git.RepositoryDeleted", area: "Git", category: "Remove", weight: 1 },
  { actionId: "Git.RepositoryDefaultBranchChanged", area: "Git", category: "Modify", weight: 1 },
  { actionId: "Policy.PolicyConfigCreated", area: "Policy", category: "Create", weight: 3 },
  { actionId: "Policy.PolicyConfigModified", area: "Policy", category: "Modify", weight: 4 },
  { actionId: "Policy.PolicyConfigRemoved", area: "Policy", category: "Remove", weight: 1 },
  { actionId: "Token.PatCreateEvent", area: "Token", category: "Create", weight: 6 },
  { actionId: "Token.PatUpdateEvent", area: "Token", category: "Modify", weight: 2 },
  { actionId: "Token.PatRevokeEvent", area: "Token", category: "Remove", weight: 2 },
  { actionId: "Security.ModifyPermission", area: "Security", category: "Modify", weight: 6 },
  { actionId: "Security.RemovePermission", area: "Security", category: "Remove", weight: 2 },
  { actionId: "Group.UpdateGroupMembership.Add", area: "Security", category: "Modify", weight: 5 },
  { actionId: "Group.UpdateGroupMembership.Remove", area: "Security", category: "Modify", weight: 2 },
  { actionId: "Library.ServiceConnectionCreated", area: "Library", category: "Create", weight: 2 },
  { actionId: "Library.ServiceConnectionModified", area: "Library", category: "Modify", weight: 2 },
  { actionId: "Library.ServiceConnectionDeleted", area: "Library", category: "Remove", weight: 1 },
  { actionId: "Pipelines.PipelineModified", area: "Pipelines", category: "Modify", weight: 8 },
  { actionId: "Pipelines.RunRetained", area: "Pipelines", category: "Modify", weight: 3 },
  { actionId: "Pipelines.DeploymentJobCompleted", area: "Pipelines", category: "Execute", weight: 20 },
  { actionId: "Pipelines.ResourceAuthorizedForPipeline", area: "Pipelines", category: "Modify", weight: 3 },
  { actionId: "Release.ApprovalCompleted", area: "Release", category: "Modify", weight: 6 },
  { actionId: "Release.ReleaseCreated", area: "Release", category: "Create", weight: 6 },
  { actionId: "Project.CreateCompleted", area: "Project", category: "Create", weight: 1 },
  { actionId: "AuditLog.AccessLog", area: "Auditing", category: "Access", weight: 4 },
  { actionId: "Licensing.Modified", area: "Licensing", category: "Modify", weight: 1 },
];
const ACTION_CUMULATIVE = (() => {
  let sum = 0;
  return AUDIT_ACTIONS.map((a) => (sum += a.weight));
})();

export interface AuditEntrySeed {
  orgIndex: number;
  index: number;
  id: string;
  timestamp: number;
  actionIndex: number;
  /** Index into the world's GitHub/Entra users (the people are the same). */
  actorIndex: number;
  projectIndex: number;
  correlationId: string;
  activityId: string;
  ipAddress: string;
  userAgent: string;
  salt: number;
}

export function buildAzureDevOpsWorld(seed: number, scale: Scale, now: number): AdoOrg[] {
  return Array.from({ length: scale.azureDevOpsOrgs }, (_, o) => {
    const rng = Rng.of(seed, "ado-org", o);
    const projects: AdoProject[] = Array.from({ length: scale.projectsPerAzureDevOpsOrg }, (_, p) => {
      const prng = Rng.of(seed, "ado-project", o, p);
      const name = `${["Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware"][p % 5]}${p >= 5 ? `-${Math.floor(p / 5) + 1}` : ""}`;
      const repoIds = Array.from({ length: scale.reposPerProject }, (_, r) => Rng.of(seed, "ado-repo", o, p, r).uuid());
      const pipelines = Array.from({ length: Math.max(1, scale.reposPerProject) }, (_, k) => ({ id: 10 + k, name: `${name}-ci-${k + 1}`, repoId: repoIds[k % Math.max(1, repoIds.length)] ?? "" }));
      const posture = buildProjectPosture(seed, o, p, name, pipelines.map((pl) => pl.id));
      return {
        id: prng.uuid(),
        name,
        repos: repoIds.map((id, r) => ({
          id,
          name: `${name.toLowerCase()}-${["api", "web", "infra", "worker", "mobile", "data"][r % 6]}${r >= 6 ? `-${Math.floor(r / 6) + 1}` : ""}`,
          defaultBranch: "refs/heads/main",
          ...buildRepoPosture(seed, o, p, r, posture, pipelines[r]!.id),
        })),
        pipelines,
        posture,
      };
    });
    return {
      index: o,
      id: rng.uuid(),
      name: `contoso-ado${o === 0 ? "" : `-${o + 1}`}`,
      projects,
      segments: [{ start: 0, count: scale.auditEventsPerOrg, from: now - AUDIT_RETENTION_DAYS * DAY, to: now }],
    };
  });
}

/** Number of audit entries an org has produced so far. */
export function auditCount(org: AdoOrg): number {
  const last = org.segments[org.segments.length - 1]!;
  return last.start + last.count;
}

/** Timestamp of entry `index`: evenly spread in its segment plus bounded jitter, so it never decreases. */
export function auditTimestamp(org: AdoOrg, index: number): number {
  const segment = segmentOf(org, index);
  const step = (segment.to - segment.from) / segment.count;
  const k = index - segment.start;
  const jitter = (Rng.of(org.index, "audit-jitter", index).next() * 0.9) * step;
  return Math.floor(segment.from + k * step + jitter);
}

function segmentOf(org: AdoOrg, index: number): AuditSegment {
  for (let s = org.segments.length - 1; s >= 0; s--) if (index >= org.segments[s]!.start) return org.segments[s]!;
  return org.segments[0]!;
}

/** First entry index with timestamp >= `time` (binary search over the monotone timestamps). */
export function auditIndexAtOrAfter(org: AdoOrg, time: number): number {
  let lo = 0;
  let hi = auditCount(org);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (auditTimestamp(org, mid) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The generated facts of entry `index` (the emulator formats them as the API does). */
export function auditEntry(seed: number, org: AdoOrg, index: number, userCount: number): AuditEntrySeed {
  const rng = Rng.of(seed, "audit", org.index, index);
  const roll = rng.next() * ACTION_CUMULATIVE[ACTION_CUMULATIVE.length - 1]!;
  let actionIndex = 0;
  while (ACTION_CUMULATIVE[actionIndex]! <= roll) actionIndex++;
  return {
    orgIndex: org.index,
    index,
    id: `${auditTimestamp(org, index)};${rng.hex(8)}-${rng.hex(4)};${index}`,
    timestamp: auditTimestamp(org, index),
    actionIndex,
    // Admins act more often than anyone else.
    actorIndex: rng.bool(0.3) ? rng.int(0, 2) : rng.int(0, Math.max(0, userCount - 1)),
    projectIndex: rng.int(0, org.projects.length - 1),
    correlationId: rng.uuid(),
    activityId: rng.uuid(),
    ipAddress: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    userAgent: rng.pick(["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "VSServices/19.0 (azure-devops-cli)", "azure-pipelines-agent/4.248"]),
    salt: rng.int(0, 0xffffffff),
  };
}
