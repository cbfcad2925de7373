// The emulated world: one deterministic, seeded universe that every emulator serves a view
// of. Same seed and scale → same world, byte for byte. `mutate()` moves time forward and
// changes a chosen fraction of it, recording what changed as events (webhooks replay them).
import { Rng } from "../core/random";
import { AlertTable, ALERT_KINDS, KIND_SHARE, generateAlerts, type AlertKind, type AlertRow } from "./alerts";
import { CODE_RULES, SECRET_TYPES, advisoryCatalog, type Advisory } from "./catalogs";
import { buildGitHubWorld, type GitHubWorld, type Organization, type Repository } from "./github";
import { buildAzureWorld, type AssessmentMetadata, type SubscriptionWorld } from "./azure";
import { buildAzureDevOpsWorld, auditCount, type AdoOrg } from "./azure-devops";
import { buildEntraWorld, type EntraWorld } from "./entra";
import { scaleByName, type Scale, type ScaleName } from "./scale";

/** The world's "now" before any mutation: fixed, so generated data never depends on the wall clock. */
export const WORLD_EPOCH = Date.UTC(2026, 10, 1, 0, 0, 0);
export const HISTORY_DAYS = 365;
const DAY = 86_400_000;

export type WorldEvent =
  | { seq: number; at: number; type: "alert"; kind: AlertKind; action: "created" | "closed" | "reopened"; orgIndex: number; row: number }
  | { seq: number; at: number; type: "security_and_analysis"; orgIndex: number; repoIndex: number; setting: string; enabled: boolean }
  | { seq: number; at: number; type: "branch_protection_rule"; action: "created" | "edited" | "deleted"; orgIndex: number; repoIndex: number }
  | { seq: number; at: number; type: "repository_ruleset"; action: "edited"; orgIndex: number; repoIndex: number; rulesetId: number }
  | { seq: number; at: number; type: "audit"; adoOrgIndex: number; added: number }
  | { seq: number; at: number; type: "assessment"; subscriptionIndex: number; assessmentIndex: number; status: string };

type NewEvent = WorldEvent extends infer E ? (E extends WorldEvent ? Omit<E, "seq" | "at"> : never) : never;

export interface MutateOptions {
  /** Share of the world that changes (0.01 = 1 %). */
  fraction?: number;
  /** How far the clock moves. */
  stepMs?: number;
}

export class World {
  readonly scale: Scale;
  readonly github: GitHubWorld;
  readonly entra: EntraWorld;
  readonly azure: { catalog: AssessmentMetadata[]; subscriptions: SubscriptionWorld[] };
  readonly azureDevOps: AdoOrg[];
  readonly advisories: Advisory[];
  readonly events: WorldEvent[] = [];
  /** The world time the last mutation reached (generation time before any). */
  now = WORLD_EPOCH;
  /** Wall-clock instant at which `now` was last set: the world clock runs on from there. */
  private anchor = Date.now();
  private mutations = 0;
  private readonly tables = new Map<string, AlertTable>();

  constructor(
    readonly seed: number,
    scale: ScaleName | Scale,
  ) {
    this.scale = typeof scale === "string" ? scaleByName(scale) : scale;
    this.github = buildGitHubWorld(seed, this.scale, this.now);
    this.entra = buildEntraWorld(seed, this.github);
    const repoNames = this.github.orgs.flatMap((o) => o.repos.map((r) => r.fullName));
    this.azure = buildAzureWorld(seed, this.scale, this.now, this.entra.tenantId, repoNames);
    this.azureDevOps = buildAzureDevOpsWorld(seed, this.scale, this.now);
    this.advisories = advisoryCatalog(seed, 120, this.now);
  }

  /**
   * The world's clock: `now` plus the real time elapsed since it was set. Emulators send it in
   * their Date headers and stamp tokens with it, so a client that checkpoints on the server's
   * Date sees the same clock as the data's timestamps, as with the real services.
   */
  clock(): number {
    return this.now + (Date.now() - this.anchor);
  }

  catalogSize(kind: AlertKind): number {
    return kind === "code_scanning" ? CODE_RULES.length : kind === "dependabot" ? this.advisories.length : SECRET_TYPES.length;
  }

  /** The alert table of one org and kind, generated on first use (lazy at enterprise scale). */
  alerts(orgIndex: number, kind: AlertKind): AlertTable {
    const key = `${orgIndex}:${kind}`;
    let table = this.tables.get(key);
    if (!table) {
      const org = this.github.orgs[orgIndex]!;
      table = new AlertTable(kind, org, this.catalogSize(kind));
      generateAlerts(this.seed, table, Math.round(this.scale.alertsPerOrg * KIND_SHARE[kind]), WORLD_EPOCH, HISTORY_DAYS, org.members.length);
      this.tables.set(key, table);
    }
    return table;
  }

  org(login: string): Organization | undefined {
    return this.github.orgs.find((o) => o.login.toLowerCase() === login.toLowerCase());
  }

  repo(owner: string, name: string): { org: Organization; repo: Repository; repoIndex: number } | undefined {
    const org = this.org(owner);
    if (!org) return undefined;
    const repoIndex = org.repos.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
    return repoIndex < 0 ? undefined : { org, repo: org.repos[repoIndex]!, repoIndex };
  }

  /** Total alerts across the world (forces every table). */
  totalAlerts(): number {
    let total = 0;
    this.github.orgs.forEach((_, o) => ALERT_KINDS.forEach((k) => (total += this.alerts(o, k).size)));
    return total;
  }

  private record(at: number, event: NewEvent): void {
    this.events.push({ ...event, seq: this.events.length + 1, at } as WorldEvent);
  }

  /**
   * Advances the clock and changes `fraction` of the world: new alerts, fixes and dismissals,
   * reopenings, security-setting and branch-protection changes, new audit entries, Defender
   * status changes. Deterministic in (seed, number of mutations so far, options).
   */
  mutate(options: MutateOptions = {}): WorldEvent[] {
    const fraction = options.fraction ?? 0.01;
    const step = options.stepMs ?? DAY;
    const rng = Rng.of(this.seed, "mutate", ++this.mutations);
    const from = this.clock();
    this.now = from + step;
    this.anchor = Date.now();
    const firstNew = this.events.length;
    const at = () => from + rng.next() * step;

    this.github.orgs.forEach((org, orgIndex) => {
      for (const kind of ALERT_KINDS) {
        const table = this.alerts(orgIndex, kind);
        const changes = Math.max(1, Math.round(table.size * fraction));
        const created = Math.ceil(changes / 2);
        const times = Array.from({ length: created }, at).sort((a, b) => a - b);
        for (const t of times) {
          const repoIndex = rng.int(0, org.repos.length - 1);
          const row = table.append(rng, repoIndex, t, org.members.length, this.now, true);
          this.record(t, { type: "alert", kind, action: "created", orgIndex, row });
        }
        for (let c = 0; c < changes - created; c++) {
          const row = rng.int(0, table.size - 1);
          const t = at();
          if (table.get(row).state === "open") {
            table.close(row, t, rng, org.members.length);
            this.record(t, { type: "alert", kind, action: "closed", orgIndex, row });
          } else if (kind !== "secret_scanning" || rng.bool(0.2)) {
            table.setOpen(row, t);
            this.record(t, { type: "alert", kind, action: "reopened", orgIndex, row });
          }
        }
      }
      const repoChanges = Math.max(1, Math.round(org.repos.length * fraction));
      for (let c = 0; c < repoChanges; c++) {
        const repoIndex = rng.int(0, org.repos.length - 1);
        const repo = org.repos[repoIndex]!;
        const t = at();
        repo.updatedAt = t;
        if (rng.bool(0.5)) {
          repo.settings.secretScanningPushProtection = !repo.settings.secretScanningPushProtection;
          this.record(t, { type: "security_and_analysis", orgIndex, repoIndex, setting: "secret_scanning_push_protection", enabled: repo.settings.secretScanningPushProtection });
        } else if (repo.rulesets[0] && (!repo.branchProtection || rng.bool(0.5))) {
          // Every repository with a ruleset also has branch protection, so pick between them.
          repo.rulesets[0].enforcement = repo.rulesets[0].enforcement === "active" ? "evaluate" : "active";
          repo.rulesets[0].updatedAt = t;
          this.record(t, { type: "repository_ruleset", action: "edited", orgIndex, repoIndex, rulesetId: repo.rulesets[0].id });
        } else if (repo.branchProtection) {
          repo.branchProtection.requiredApprovingReviewCount = repo.branchProtection.requiredApprovingReviewCount === 2 ? 1 : 2;
          this.record(t, { type: "branch_protection_rule", action: "edited", orgIndex, repoIndex });
        }
      }
    });

    this.azureDevOps.forEach((org, adoOrgIndex) => {
      const added = Math.max(1, Math.round(this.scale.auditEventsPerOrg * fraction));
      org.segments.push({ start: auditCount(org), count: added, from, to: this.now });
      this.record(this.now, { type: "audit", adoOrgIndex, added });
    });

    this.azure.subscriptions.forEach((sub, subscriptionIndex) => {
      const changes = Math.max(1, Math.round(sub.assessments.length * fraction));
      for (let c = 0; c < changes; c++) {
        const assessmentIndex = rng.int(0, sub.assessments.length - 1);
        const assessment = sub.assessments[assessmentIndex]!;
        assessment.status = assessment.status === "Healthy" ? "Unhealthy" : "Healthy";
        assessment.statusChangeDate = at();
        this.record(assessment.statusChangeDate, { type: "assessment", subscriptionIndex, assessmentIndex, status: assessment.status });
      }
    });
    return this.events.slice(firstNew);
  }
}

export type { AlertRow, AlertKind };
