// Secure score as Defender computes it, from the world's assessments: each control scores
// maxScore × healthy / (healthy + unhealthy) over the resources its recommendations assess (a
// resource is unhealthy for a control if any of its recommendations is); controls whose
// resources are all not applicable count for nothing; the subscription's "ascScore" is the sum.
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import { SECURE_SCORE_CONTROLS, type SubscriptionWorld } from "../world/azure";

/** Points each control is worth (Defender's built-in values where the control exists there). */
const MAX_SCORES: Record<(typeof SECURE_SCORE_CONTROLS)[number], number> = {
  "Remediate vulnerabilities": 6,
  "Apply system updates": 6,
  "Enable JIT network access control": 4,
  "Enable endpoint protection": 2,
  "Secure management ports": 8,
  "Encrypt data in transit": 4,
  "Restrict unauthorized network access": 4,
  "Enable Defender plans": 2,
  "Manage access and permissions": 4,
  "Enable encryption at rest": 4,
};

const CONTROL_DESCRIPTIONS: Record<(typeof SECURE_SCORE_CONTROLS)[number], string> = {
  "Remediate vulnerabilities": "This control contains recommendations regarding vulnerability findings on your resources",
  "Apply system updates": "This control contains recommendations regarding missing system updates",
  "Enable JIT network access control": "This control contains recommendations regarding just-in-time network access",
  "Enable endpoint protection": "This control contains recommendations regarding endpoint protection",
  "Secure management ports": "This control contains recommendations regarding exposed management ports",
  "Encrypt data in transit": "This control contains recommendations regarding encryption of data in transit",
  "Restrict unauthorized network access": "This control contains recommendations regarding network access restrictions",
  "Enable Defender plans": "This control contains recommendations regarding Microsoft Defender plans",
  "Manage access and permissions": "This control contains recommendations regarding access and permissions",
  "Enable encryption at rest": "This control contains recommendations regarding encryption of data at rest",
};

export interface ControlDefinition {
  /** Built-in control ids are the same in every tenant. */
  id: string;
  displayName: string;
  description: string;
  maxScore: number;
  assessmentNames: string[];
}

export interface ControlScore {
  definition: ControlDefinition;
  healthy: number;
  unhealthy: number;
  notApplicable: number;
  max: number;
  current: number;
  percentage: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function controlDefinitions(ctx: EmulatorContext): ControlDefinition[] {
  return SECURE_SCORE_CONTROLS.map((displayName) => ({
    id: Rng.of(0, "secure-score-control", displayName).uuid(),
    displayName,
    description: CONTROL_DESCRIPTIONS[displayName],
    maxScore: MAX_SCORES[displayName],
    assessmentNames: ctx.world.azure.catalog.filter((m) => m.controlName === displayName).map((m) => m.name),
  }));
}

export function controlScores(ctx: EmulatorContext, subscription: SubscriptionWorld): ControlScore[] {
  return controlDefinitions(ctx).map((definition) => {
    // Per resource: worst status across the control's recommendations.
    const worst = new Map<number, "Healthy" | "Unhealthy" | "NotApplicable">();
    for (const assessment of subscription.assessments) {
      if (ctx.world.azure.catalog[assessment.metadataIndex]!.controlName !== definition.displayName) continue;
      const before = worst.get(assessment.resourceIndex);
      if (assessment.status === "Unhealthy" || before === undefined) worst.set(assessment.resourceIndex, assessment.status);
      else if (before === "NotApplicable" && assessment.status === "Healthy") worst.set(assessment.resourceIndex, "Healthy");
    }
    let healthy = 0;
    let unhealthy = 0;
    let notApplicable = 0;
    for (const status of worst.values()) {
      if (status === "Healthy") healthy++;
      else if (status === "Unhealthy") unhealthy++;
      else notApplicable++;
    }
    const assessed = healthy + unhealthy;
    const max = assessed > 0 ? definition.maxScore : 0;
    const current = assessed > 0 ? round((max * healthy) / assessed, 2) : 0;
    return { definition, healthy, unhealthy, notApplicable, max, current, percentage: max > 0 ? round(current / max, 4) : 0 };
  });
}

export function secureScore(controls: ControlScore[]): { max: number; current: number; percentage: number; weight: number } {
  const max = controls.reduce((n, c) => n + c.max, 0);
  const current = round(controls.reduce((n, c) => n + c.current, 0), 2);
  const weight = controls.reduce((n, c) => n + c.healthy + c.unhealthy, 0);
  return { max, current, percentage: max > 0 ? round(current / max, 4) : 0, weight };
}
