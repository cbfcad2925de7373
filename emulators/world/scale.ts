// How big a generated world is. `tiny` keeps tests fast, `demo` is what `npm run demo` shows,
// `enterprise` is the large customer of ARCHITECTURE.md (served lazily: see alerts.ts, audit.ts).

export type ScaleName = "tiny" | "demo" | "enterprise";

export interface Scale {
  name: ScaleName;
  githubOrgs: number;
  reposPerOrg: number;
  teamsPerOrg: number;
  membersPerOrg: number;
  /** Alerts per org, all three kinds together (code scanning ~45 %, Dependabot ~45 %, secrets ~10 %). */
  alertsPerOrg: number;
  subscriptions: number;
  resourcesPerSubscription: number;
  azureDevOpsOrgs: number;
  projectsPerAzureDevOpsOrg: number;
  reposPerProject: number;
  /** Audit entries per Azure DevOps org over the 90-day retention window. */
  auditEventsPerOrg: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  tiny: {
    name: "tiny",
    githubOrgs: 2,
    reposPerOrg: 6,
    teamsPerOrg: 3,
    membersPerOrg: 8,
    alertsPerOrg: 80,
    subscriptions: 1,
    resourcesPerSubscription: 8,
    azureDevOpsOrgs: 1,
    projectsPerAzureDevOpsOrg: 2,
    reposPerProject: 2,
    auditEventsPerOrg: 400,
  },
  demo: {
    name: "demo",
    githubOrgs: 3,
    reposPerOrg: 50,
    teamsPerOrg: 8,
    membersPerOrg: 40,
    alertsPerOrg: 2700,
    subscriptions: 3,
    resourcesPerSubscription: 40,
    azureDevOpsOrgs: 2,
    projectsPerAzureDevOpsOrg: 3,
    reposPerProject: 4,
    auditEventsPerOrg: 10_000,
  },
  enterprise: {
    name: "enterprise",
    githubOrgs: 50,
    reposPerOrg: 400,
    teamsPerOrg: 40,
    membersPerOrg: 300,
    alertsPerOrg: 40_000,
    subscriptions: 20,
    resourcesPerSubscription: 400,
    azureDevOpsOrgs: 20,
    projectsPerAzureDevOpsOrg: 10,
    reposPerProject: 10,
    auditEventsPerOrg: 500_000,
  },
};

export function scaleByName(name: string): Scale {
  if (name in SCALES) return SCALES[name as ScaleName];
  throw new Error(`Unknown scale "${name}": use tiny, demo or enterprise`);
}
