// Test support: what the database must hold after syncing the ARM emulator's world, computed
// from the world itself (not from the API), so a sync bug cannot hide behind a mapper bug.
import type { EmulatorContext } from "../emulators/core/context";
import { controlScores, secureScore } from "../emulators/arm/secure-score-model";
import type { World } from "../emulators/world/world";

export interface ExpectedDefenderFinding {
  kind: "cloud_recommendation" | "container" | "cloud_alert";
  state: "open" | "resolved" | "dismissed";
  severity: string;
  stage: "cd" | "operate";
  createdAt: string;
  updatedAt: string | null;
  closedAt: string | null;
  cloudResourceId: string | null;
}

const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
const STATE = { Healthy: "resolved", Unhealthy: "open", NotApplicable: "dismissed" } as const;
const ALERT_STATE = { Active: "open", InProgress: "open", Resolved: "resolved", Dismissed: "dismissed" } as const;
const REGISTRY = "Microsoft.ContainerRegistry/registries";

/** Every assessment, sub-assessment and alert of the world's subscriptions, by lower-cased ARM id. */
export function expectedDefenderFindings(world: World): Map<string, ExpectedDefenderFinding> {
  const out = new Map<string, ExpectedDefenderFinding>();
  for (const subscription of world.azure.subscriptions) {
    const assessmentIds = subscription.assessments.map((a) => `${subscription.resources[a.resourceIndex]!.id}/providers/Microsoft.Security/assessments/${world.azure.catalog[a.metadataIndex]!.name}`);
    subscription.assessments.forEach((a, i) => {
      const meta = world.azure.catalog[a.metadataIndex]!;
      const resource = subscription.resources[a.resourceIndex]!;
      out.set(assessmentIds[i]!.toLowerCase(), {
        kind: "cloud_recommendation",
        state: STATE[a.status],
        severity: meta.severity.toLowerCase(),
        stage: resource.type === REGISTRY || /code repositor/i.test(meta.displayName) ? "cd" : "operate",
        createdAt: iso(a.firstEvaluationDate),
        updatedAt: iso(a.statusChangeDate),
        closedAt: a.status === "Unhealthy" ? null : iso(a.statusChangeDate),
        cloudResourceId: resource.id.toLowerCase(),
      });
    });
    for (const sub of subscription.subAssessments) {
      const resource = subscription.resources[subscription.assessments[sub.assessmentIndex]!.resourceIndex]!;
      const image = resource.type !== "Microsoft.Compute/virtualMachines" && resource.type !== "Microsoft.Sql/servers";
      out.set(`${assessmentIds[sub.assessmentIndex]}/subAssessments/${sub.id}`.toLowerCase(), {
        kind: image ? "container" : "cloud_recommendation",
        state: STATE[sub.status],
        severity: sub.severity.toLowerCase(),
        stage: resource.type === REGISTRY ? "cd" : "operate",
        createdAt: iso(sub.timeGenerated),
        updatedAt: iso(sub.timeGenerated),
        closedAt: null,
        cloudResourceId: resource.id.toLowerCase(),
      });
    }
    for (const alert of subscription.alerts) {
      const resource = subscription.resources[alert.resourceIndex]!;
      const id = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${resource.resourceGroup}/providers/Microsoft.Security/locations/${alert.location}/alerts/${alert.name}`;
      out.set(id.toLowerCase(), {
        kind: "cloud_alert",
        state: ALERT_STATE[alert.status],
        severity: alert.severity === "Informational" ? "info" : alert.severity.toLowerCase(),
        stage: "operate",
        createdAt: iso(alert.timeGenerated),
        updatedAt: null,
        closedAt: null,
        cloudResourceId: resource.id.toLowerCase(),
      });
    }
  }
  return out;
}

/** The latest secure score row per (subscription, score name) the history must end with. */
export function expectedSecureScores(ctx: EmulatorContext): Map<string, { current: number; max: number; percentage: number; weight: number }> {
  const out = new Map<string, { current: number; max: number; percentage: number; weight: number }>();
  for (const subscription of ctx.world.azure.subscriptions) {
    const controls = controlScores(ctx, subscription);
    const total = secureScore(controls);
    out.set(`${subscription.subscriptionId}:ascScore`, { current: total.current, max: total.max, percentage: total.percentage, weight: total.weight });
    for (const c of controls) out.set(`${subscription.subscriptionId}:${c.definition.displayName}`, { current: c.current, max: c.max, percentage: c.percentage, weight: c.healthy + c.unhealthy });
  }
  return out;
}

/** DevOps repositories each subscription's connectors onboard (round-robin, as the emulator assigns them), by platform full name. */
export function expectedDevOpsRepos(world: World): Map<string, { subscriptionId: string; platform: "github" | "azure_devops"; repoId: string }> {
  const out = new Map<string, { subscriptionId: string; platform: "github" | "azure_devops"; repoId: string }>();
  const subscriptions = world.azure.subscriptions;
  world.github.orgs.forEach((org, i) => {
    for (const repo of org.repos) out.set(repo.fullName, { subscriptionId: subscriptions[i % subscriptions.length]!.subscriptionId, platform: "github", repoId: String(repo.id) });
  });
  world.azureDevOps.forEach((org, i) => {
    for (const project of org.projects) {
      for (const repo of project.repos) out.set(`${org.name}/${project.name}/${repo.name}`, { subscriptionId: subscriptions[i % subscriptions.length]!.subscriptionId, platform: "azure_devops", repoId: repo.id });
    }
  });
  return out;
}
