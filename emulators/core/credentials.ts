// The demo's fixed credentials. They are test fixtures for local emulators, not secrets: the
// emulators accept them, nothing real does.
import type { World } from "../world/world";

/** The GitHub App the demo connects as. */
export const GITHUB_APP_ID = 424242;
export const GITHUB_APP_SLUG = "rampart-posture";

/** Installation id of the demo app in org `orgIndex` (one installation per org). */
export function githubInstallationId(orgIndex: number): number {
  return 61_000_000 + orgIndex;
}

/** Org index of an installation id, or -1. */
export function orgIndexOfInstallation(world: World, installationId: number): number {
  const index = installationId - 61_000_000;
  return index >= 0 && index < world.github.orgs.length ? index : -1;
}

/** A fine-grained-token-shaped PAT with read access to every org (the token connection path). */
export const GITHUB_DEMO_TOKEN = "github_pat_11RAMPARTDEMO0000000000_emulatorOnlyTokenNotARealSecret000000000000000";

/** Azure DevOps PAT (basic auth with any user name) accepted by the audit emulator. */
export const AZURE_DEVOPS_DEMO_PAT = "rampartdemoemulatoronlypat0000000000000000000000";

/** Secret GitHub signs webhook deliveries with (X-Hub-Signature-256) in the demo. */
export const GITHUB_WEBHOOK_SECRET = "rampart-demo-webhook-secret";
