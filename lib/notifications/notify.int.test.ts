// The notify pass end to end against real PostgreSQL and a real HTTP receiver on 127.0.0.1:
// hand-built rows (a critical finding event, a control flapping pass→fail, an SLA running out
// under a fake clock, a team score drop) produce exactly one notification per channel, with
// signatures the receiver verifies; re-running sends nothing new; a receiver answering 500 is
// retried with backoff and logged; a receiver that is down ends in failed deliveries while
// the pass itself still succeeds.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolateInFreshSchema } from "../../test/fresh-schema";
import { handleNotify } from "../jobs/handlers/notify";
import { database } from "../db";
import { reloadEnv } from "../env";
import { listDeliveries } from "./deliveries";
import { setAllowedPrivateTargets } from "./notification-settings";
import { createRule, listRules, updateRule } from "./rules";
import { runNotifications } from "./run-notifications";
import { verifyWebhookRequest } from "./signature";

await isolateInFreshSchema();
process.env.RAMPART_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");
reloadEnv();

const SECRET = "whsec-integration-test-0123456789";
const T = new Date("2030-01-15T12:00:00.000Z");
const minutes = (n: number) => new Date(T.getTime() + n * 60_000);
const fingerprint = (n: number) => n.toString(16).padStart(64, "0");

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let flakyCalls = 0;
let server: http.Server;
let base = "";
let downUrl = "";
const ids = { org: "", teams: {} as Record<"a" | "b" | "c", string>, repos: {} as Record<"a" | "b" | "c", string> };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (req.url?.startsWith("/flaky") && flakyCalls++ === 0) {
        res.writeHead(500).end("receiver exploded");
        return;
      }
      res.writeHead(req.url?.startsWith("/teams") ? 202 : 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/down`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  const { prisma } = database();
  await setAllowedPrivateTargets(["127.0.0.1"], "test");
  const org = await prisma.organization.create({ data: { source: "github", sourceId: "org-1", login: "acme" } });
  ids.org = org.id;
  for (const name of ["a", "b", "c"] as const) {
    const team = await prisma.team.create({ data: { organizationId: org.id, source: "github", sourceId: `team-${name}`, slug: `team-${name}`, name: `Team ${name.toUpperCase()}` } });
    const repo = await prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: `repo-${name}`, name: `repo-${name}`, fullName: `acme/repo-${name}` } });
    await prisma.teamRepository.create({ data: { teamId: team.id, repositoryId: repo.id, permission: "admin" } });
    ids.teams[name] = team.id;
    ids.repos[name] = repo.id;
  }
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

async function criticalFinding(repo: "a" | "b" | "c", n: number, at: Date): Promise<void> {
  const { prisma } = database();
  const finding = await prisma.finding.create({
    data: { source: "github", sourceId: `secret:${n}`, kind: "secret", organizationId: ids.org, repositoryId: ids.repos[repo], ruleId: "aws_access_key", title: `AWS key ${n}`, severity: "critical", state: "open", stage: "pre_commit", fingerprint: fingerprint(n), firstSeenAt: at, lastSeenAt: at },
  });
  await prisma.findingEvent.create({ data: { findingId: finding.id, type: "opened", toState: "open", toSeverity: "critical", occurredAt: at, createdAt: at } });
}

const channelRules = (trigger: string, conditions: object) =>
  (["webhook", "slack", "teams"] as const).map((channel) =>
    createRule({ name: `${channel} ${trigger}`, trigger, conditions: { scope: { kind: "team", teamIds: [ids.teams.a] }, ...conditions }, channel, target: `${base}/${channel}/${trigger}`, ...(channel === "webhook" ? { secret: SECRET } : {}) }, "admin@test"),
  );

const pathsOf = (from: number) => received.slice(from).map((r) => r.path).sort();

describe("notify pass", () => {
  let before = 0;

  it("sends each new event once per channel, signed, scoped to the rule's team", async () => {
    await Promise.all([...channelRules("critical_finding", {}), ...channelRules("control_failed", { controlIds: ["PRE-02"] }), ...channelRules("score_drop", { points: 10 }), ...channelRules("sla_breach", {})]);
    const { prisma } = database();
    await criticalFinding("a", 1, minutes(-10));
    await criticalFinding("b", 2, minutes(-10)); // another team's: out of these rules' scope
    // Push protection flaps within the hour: pass → fail → pass → fail.
    const flap = [["pass", -50, -40], ["fail", -40, -30], ["pass", -30, -20], ["fail", -20, null]] as const;
    for (const [status, at, until] of flap) {
      await prisma.controlResult.create({ data: { controlId: "PRE-02", catalogVersion: "test", stage: "pre_commit", repositoryId: ids.repos.a, status, evaluatedAt: minutes(at), lastEvaluatedAt: minutes(at), supersededAt: until === null ? null : minutes(until) } });
    }
    await prisma.postureRollup.createMany({
      data: [
        { scope: "team", scopeId: ids.teams.a, day: new Date("2030-01-14"), stage: "ci", score: 80 },
        { scope: "team", scopeId: ids.teams.a, day: new Date("2030-01-15"), stage: "ci", score: 62.5 },
        { scope: "team", scopeId: ids.teams.a, day: new Date("2030-01-14"), stage: "cd", score: 80 },
        { scope: "team", scopeId: ids.teams.a, day: new Date("2030-01-15"), stage: "cd", score: 75 }, // 5 points: under the threshold
      ],
    });
    // High finding opened 30 days minus 10 minutes ago: its SLA runs out at T+10min.
    await prisma.finding.create({
      data: { source: "github", sourceId: "dep:1", kind: "dependency", organizationId: ids.org, repositoryId: ids.repos.a, ruleId: "GHSA-1", title: "lodash prototype pollution", severity: "high", state: "open", stage: "ci", fingerprint: fingerprint(100), firstSeenAt: new Date(minutes(10).getTime() - 30 * 86_400_000), lastSeenAt: T },
    });

    const summary = await runNotifications({ now: T });
    expect(summary).toMatchObject({ rules: 12, sent: 9, failed: 0, retrying: 0 });
    expect(pathsOf(before)).toEqual(["control_failed", "critical_finding", "score_drop"].flatMap((t) => ["slack", "teams", "webhook"].map((c) => `/${c}/${t}`)).sort());

    for (const request of received.filter((r) => r.path.startsWith("/webhook/"))) {
      expect(verifyWebhookRequest(SECRET, request.body, request.headers)).toMatchObject({ ok: true });
      expect(request.headers["x-rampart-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    }
    const slack = JSON.parse(received.find((r) => r.path === "/slack/critical_finding")!.body);
    expect(slack.text).toBe("Critical secret finding in acme/repo-a");
    expect(slack.blocks[0]).toMatchObject({ type: "header" });
    const teams = JSON.parse(received.find((r) => r.path === "/teams/score_drop")!.body);
    expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0].content.body[0].text).toBe("Team Team A: ci score dropped 17.5 points");
    const webhook = JSON.parse(received.find((r) => r.path === "/webhook/control_failed")!.body);
    expect(webhook.items[0]).toMatchObject({ trigger: "control_failed", title: "Control PRE-02 is now failing in acme/repo-a", facts: { Was: "pass" } });
    before = received.length;
  });

  it("sends nothing new when run again", async () => {
    const summary = await runNotifications({ now: T });
    expect(summary).toMatchObject({ recorded: 0, attempted: 0 });
    expect(received.length).toBe(before);
  });

  it("notifies the SLA breach once its time has passed on the (fake) clock", async () => {
    const summary = await runNotifications({ now: minutes(15) });
    expect(summary).toMatchObject({ recorded: 3, sent: 3 });
    expect(pathsOf(before)).toEqual(["/slack/sla_breach", "/teams/sla_breach", "/webhook/sla_breach"]);
    const body = JSON.parse(received.find((r) => r.path === "/webhook/sla_breach")!.body);
    expect(body.items[0].title).toBe("SLA breached: high finding open for 30 days in acme/repo-a");
    before = received.length;
    await runNotifications({ now: minutes(16) });
    expect(received.length).toBe(before);
    expect((await listDeliveries(undefined, 500)).filter((d) => d.status === "sent")).toHaveLength(12);
  });

  it("retries a receiver that answered 500 after the backoff, and logs both attempts", async () => {
    // Move the evaluation mark past the first test's events, so only this one is new to the rule.
    await runNotifications({ now: minutes(80) });
    const rule = await createRule({ name: "flaky", trigger: "critical_finding", conditions: { scope: { kind: "team", teamIds: [ids.teams.b] } }, channel: "webhook", target: `${base}/flaky`, secret: SECRET }, "admin@test");
    await criticalFinding("b", 3, minutes(85));
    await runNotifications({ now: minutes(86) });
    let [delivery] = await listDeliveries(rule.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseCode: 500, lastError: "HTTP 500: receiver exploded", retryAt: minutes(87).toISOString() });

    expect(await runNotifications({ now: minutes(86.5) })).toMatchObject({ attempted: 0, held: 1 });
    await runNotifications({ now: minutes(87) });
    [delivery] = await listDeliveries(rule.id);
    expect(delivery).toMatchObject({ status: "sent", attempts: 2, responseCode: 200, lastError: null, retryAt: null });
    const attempts = received.filter((r) => r.path === "/flaky");
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((a) => a.headers["x-rampart-delivery"])).size).toBe(1);
    for (const a of attempts) expect(verifyWebhookRequest(SECRET, a.body, a.headers)).toMatchObject({ ok: true });
  });

  it("gives up on a receiver that is down, and the pass still succeeds", async () => {
    await runNotifications({ now: minutes(150) });
    const rule = await createRule({ name: "down", trigger: "critical_finding", conditions: { scope: { kind: "team", teamIds: [ids.teams.c] } }, channel: "slack", target: downUrl }, "admin@test");
    await criticalFinding("c", 4, minutes(155));
    let clock = 156;
    for (let attempt = 1; attempt <= 6; attempt++) {
      const summary = await runNotifications({ now: minutes(clock) });
      expect(summary.attempted).toBe(1);
      clock += 2 ** (attempt - 1);
    }
    const [delivery] = await listDeliveries(rule.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 6, responseCode: null });
    expect(delivery!.lastError).toContain("ECONNREFUSED");
    expect(await runNotifications({ now: minutes(clock + 60) })).toMatchObject({ attempted: 0 });
    await expect(handleNotify({ reason: "manual" })).resolves.toMatchObject({ skipped: false });
  });

  it("refuses a private target that is not allow-listed, and keeps channel URLs sealed", async () => {
    await expect(createRule({ name: "meta", trigger: "critical_finding", channel: "webhook", target: "http://169.254.169.254/latest", secret: SECRET }, "admin@test")).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createRule({ name: "mail", trigger: "critical_finding", channel: "email", target: "sec@example.com" }, "admin@test")).rejects.toMatchObject({ code: "validation_failed" });
    const slack = (await listRules()).find((r) => r.name === "slack critical_finding")!;
    expect(slack.target).toBe(`${base}/slack/…`);
    const row = await database().prisma.notificationRule.findUniqueOrThrow({ where: { id: slack.id } });
    expect(Buffer.from(row.secretCiphertext!).toString("latin1")).not.toContain("critical_finding");
    const renamed = await updateRule(slack.id, { name: "renamed", quietHours: { start: "22:00", end: "07:00", timeZone: "UTC" } });
    expect(renamed).toMatchObject({ name: "renamed", target: `${base}/slack/…`, quietHours: { start: "22:00" } });
  });
});

describe("daily digest", () => {
  it("folds a day's non-critical events into one delivery sent after the day ends", async () => {
    const rule = await createRule({ name: "digest", trigger: "control_failed", digest: true, conditions: { scope: { kind: "team", teamIds: [ids.teams.c] } }, channel: "webhook", target: `${base}/digest`, secret: SECRET }, "admin@test");
    const { prisma } = database();
    for (const control of ["CI-01", "CI-02"]) {
      await prisma.controlResult.create({ data: { controlId: control, catalogVersion: "test", stage: "ci", repositoryId: ids.repos.c, status: "pass", evaluatedAt: minutes(300), lastEvaluatedAt: minutes(300), supersededAt: minutes(310) } });
      await prisma.controlResult.create({ data: { controlId: control, catalogVersion: "test", stage: "ci", repositoryId: ids.repos.c, status: "fail", evaluatedAt: minutes(310), lastEvaluatedAt: minutes(310) } });
    }
    await runNotifications({ now: minutes(320) });
    expect((await listDeliveries(rule.id)).map((d) => d.status)).toEqual(["suppressed", "suppressed"]);
    expect(received.filter((r) => r.path === "/digest")).toHaveLength(0);

    await runNotifications({ now: new Date("2030-01-16T00:05:00Z") });
    await runNotifications({ now: new Date("2030-01-16T00:10:00Z") });
    const sent = received.filter((r) => r.path === "/digest");
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]!.body);
    expect(body).toMatchObject({ kind: "digest", title: "Rampart daily digest for 2030-01-15 (digest): 2 events" });
    expect(body.items.map((i: { facts: { Control: string } }) => i.facts.Control).sort()).toEqual(["CI-01", "CI-02"]);
  });
});
