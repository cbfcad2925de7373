// "As of" is history, not current state: a posture report for a moment produced later — after the
// world changed, was synced and rescored — equals the report produced at that moment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "../db";
import { startEmulators, type RunningEmulators } from "../../emulators/start";
import { configureDemoConnections } from "../../scripts/lib/demo-connections";
import { isolateInFreshSchema } from "../../test/fresh-schema";
import { syncGitHubConnection } from "../ingest/github/sync-connection";
import { scorePosture } from "../scoring/score-posture";
import { assemblePostureReport } from "./assemble";
import { renderPostureReportJson } from "./json";
import { renderOscalPoam } from "./oscal";

await isolateInFreshSchema();

let emulators: RunningEmulators;
let connectionId = "";

beforeAll(async () => {
  emulators = await startEmulators({ scale: "tiny", seed: 11, dir: process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test", only: ["github"] });
  await configureDemoConnections({ ...emulators.endpoints, world: { ...emulators.endpoints.world, subscriptions: [], azureDevOpsOrgs: [] } }, process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test");
  connectionId = (await database().prisma.connection.findFirstOrThrow({ where: { kind: "github_app", baseUrl: emulators.endpoints.github } })).id;
}, 120_000);

afterAll(async () => {
  await emulators?.close();
});

/** The report without the moment it was generated (the only thing allowed to differ). */
function comparable(json: string): unknown {
  const document = JSON.parse(json) as { report: Record<string, unknown> } & Record<string, unknown>;
  const strip = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== "generatedAt"));
  return document.report ? { ...strip(document), report: strip(document.report) } : strip(document);
}

describe("reports as of a past moment", () => {
  it("say what was true then, after the world has changed, synced and been rescored", async () => {
    const operator = { operator: "test" };
    await syncGitHubConnection(connectionId, { mode: "full", workerId: "test" });
    // The world's own clock (the emulated organizations live in their own time).
    const then = new Date(emulators.ctx.world.clock());
    await scorePosture({ now: then });
    const at = (now: Date) => assemblePostureReport(operator, { scope: { kind: "enterprise", id: null }, asOf: then }, now);
    const before = await at(new Date());
    expect(before.controls.length).toBeGreaterThanOrEqual(25);
    expect(before.openFindings.reduce((n, c) => n + c.open, 0)).toBeGreaterThan(0);

    // A day later in the world: a quarter of the alerts change; sync and score again.
    const response = await fetch(`${emulators.endpoints.admin}/mutate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ fraction: 0.25 }) });
    expect(response.ok).toBe(true);
    await syncGitHubConnection(connectionId, { mode: "incremental", workerId: "test" });
    const later = new Date(emulators.ctx.world.clock());
    await scorePosture({ now: later });

    const now = await at(new Date());
    const current = await assemblePostureReport(operator, { scope: { kind: "enterprise", id: null }, asOf: later }, new Date());
    // The world did change: today's report differs from the one for `then`...
    expect(JSON.stringify(current.openFindings)).not.toEqual(JSON.stringify(now.openFindings));
    // ...and the report for `then` is the same document it was, in every format built from it.
    expect(comparable(renderPostureReportJson(now))).toEqual(comparable(renderPostureReportJson(before)));
    expect(renderOscalPoam({ ...now, generatedAt: before.generatedAt })).toEqual(renderOscalPoam(before));
  }, 180_000);
});
