// Webhooks as the world changes: GitHub's headers, signatures that @octokit/webhooks verifies,
// payloads valid against @octokit/openapi-webhooks, org hooks, failures, retries, redelivery.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks } from "@octokit/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_APP_ID, GITHUB_WEBHOOK_SECRET, githubInstallationId } from "../core/credentials";
import { admin, useEmulators } from "../test-support/start";
import { webhookErrors } from "./test-support/openapi";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const EVENTS = ["code_scanning_alert", "secret_scanning_alert", "dependabot_alert", "repository_ruleset", "branch_protection_rule", "security_and_analysis"];

/** The @octokit/openapi-webhooks name of a delivery, e.g. code-scanning-alert-closed-by-user. */
function schemaName(event: string, action: string | undefined): string {
  const base = event.replace(/_/g, "-");
  return action ? `${base}-${action.replace(/_/g, "-")}` : base;
}

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for webhook deliveries");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("GitHub webhooks", () => {
  const emulators = useEmulators(["github"]);
  const received: Received[] = [];
  let receiver: Server;
  let base = "";

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.statusCode = req.url?.startsWith("/fail") ? 500 : 200;
        res.end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it("delivers all six event kinds, signed, with GitHub's headers and schema-valid payloads", async () => {
    const running = emulators();
    const hook = (await admin(running, "POST", "/github/webhooks", { url: `${base}/app` })) as { id: number; type: string };
    expect(hook.type).toBe("app");
    const firstSeq = running.ctx.world.events.length;
    const seen = new Set<string>();
    const caughtUp = async () => ((await admin(running, "GET", "/github/webhooks")) as { cursor: number }[])[0]!.cursor === running.ctx.world.events.length;
    // Two broad changes (alerts created, fixed, dismissed, resolved, reopened), then small ones
    // until the rarer repository-level events have all happened.
    for (let i = 0; i < 40 && seen.size < EVENTS.length; i++) {
      await admin(running, "POST", "/mutate", { fraction: i < 2 ? 0.2 : 0.01 });
      await until(caughtUp);
      for (const r of received) seen.add(String(r.headers["x-github-event"]));
    }
    expect([...seen].sort()).toEqual([...EVENTS].sort());

    const verifier = new Webhooks({ secret: GITHUB_WEBHOOK_SECRET });
    const wrong = new Webhooks({ secret: "not-the-secret" });
    const deliveries = received.filter((r) => r.path === "/app");
    for (const delivery of deliveries) {
      const h = delivery.headers;
      const payload = JSON.parse(delivery.body) as { action?: string; installation: { id: number }; organization: { login: string } };
      const name = schemaName(String(h["x-github-event"]), payload.action);
      expect(webhookErrors(name, payload), name).toEqual([]);
      expect(await verifier.verify(delivery.body, String(h["x-hub-signature-256"]))).toBe(true);
      expect(await wrong.verify(delivery.body, String(h["x-hub-signature-256"]))).toBe(false);
      expect(h["x-hub-signature"]).toMatch(/^sha1=[0-9a-f]{40}$/);
      expect(h["content-type"]).toBe("application/json");
      expect(h["user-agent"]).toMatch(/^GitHub-Hookshot\/[0-9a-f]+$/);
      expect(h["x-github-delivery"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(h["x-github-hook-id"]).toBe(String(hook.id));
      expect(h["x-github-hook-installation-target-type"]).toBe("integration");
      expect(h["x-github-hook-installation-target-id"]).toBe(String(GITHUB_APP_ID));
      const orgIndex = running.ctx.world.org(payload.organization.login)!.index;
      expect(payload.installation.id).toBe(githubInstallationId(orgIndex));
    }
    const actions = new Set(deliveries.map((d) => `${String(d.headers["x-github-event"])}:${(JSON.parse(d.body) as { action?: string }).action ?? ""}`));
    for (const pair of ["code_scanning_alert:created", "code_scanning_alert:fixed", "secret_scanning_alert:resolved", "dependabot_alert:created", "dependabot_alert:fixed", "repository_ruleset:edited", "security_and_analysis:"]) {
      expect([...actions].sort().join(" "), pair).toContain(pair);
    }
    // Every alert creation since the hook was added was delivered, in order.
    const created = running.ctx.world.events.slice(firstSeq).filter((e) => e.type === "alert" && e.action === "created");
    const createdDeliveries = deliveries.filter((d) => (JSON.parse(d.body) as { action?: string }).action === "created" && String(d.headers["x-github-event"]).endsWith("_alert"));
    expect(createdDeliveries).toHaveLength(created.length);
    const log = (await admin(running, "GET", `/github/webhooks/deliveries?hook_id=${hook.id}`)) as { status: string; event: string }[];
    expect(log).toHaveLength(deliveries.length);
    expect(log.every((d) => d.status === "OK")).toBe(true);
    await admin(running, "DELETE", "/github/webhooks");
  });

  it("an org hook hears only its org, without installation, and a failing receiver is retried and redeliverable", async () => {
    const running = emulators();
    const org = running.ctx.world.github.orgs[1]!;
    const orgHook = (await admin(running, "POST", "/github/webhooks", { url: `${base}/org`, org: org.login, events: ["dependabot_alert"] })) as { id: number };
    const failing = (await admin(running, "POST", "/github/webhooks", { url: `${base}/fail`, events: ["secret_scanning_alert"], retries: 2, secret: "s3cret" })) as { id: number };
    await admin(running, "POST", "/mutate", { fraction: 0.1 });
    await until(async () => {
      const hooks = (await admin(running, "GET", "/github/webhooks")) as { cursor: number }[];
      return hooks.every((h) => h.cursor === running.ctx.world.events.length);
    });
    const orgDeliveries = received.filter((r) => r.path === "/org");
    expect(orgDeliveries.length).toBeGreaterThan(0);
    for (const d of orgDeliveries) {
      const payload = JSON.parse(d.body) as { organization: { login: string }; installation?: unknown; action: string };
      expect(d.headers["x-github-event"]).toBe("dependabot_alert");
      expect(payload.organization.login).toBe(org.login);
      expect(payload.installation).toBeUndefined();
      expect(d.headers["x-github-hook-installation-target-type"]).toBe("organization");
      expect(d.headers["x-github-hook-installation-target-id"]).toBe(String(org.id));
      expect(webhookErrors(schemaName("dependabot_alert", payload.action), payload)).toEqual([]);
    }
    const failures = (await admin(running, "GET", `/github/webhooks/deliveries?hook_id=${failing.id}`)) as { id: number; status: string; attempts: number; statusCode: number; guid: string }[];
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((d) => d.status === "failed" && d.attempts === 3 && d.statusCode === 500)).toBe(true);
    const failed = received.filter((r) => r.path === "/fail");
    expect(failed).toHaveLength(failures.length * 3);
    expect(await new Webhooks({ secret: "s3cret" }).verify(failed[0]!.body, String(failed[0]!.headers["x-hub-signature-256"]))).toBe(true);

    const redelivered = (await admin(running, "POST", `/github/webhooks/deliveries/${failures[0]!.id}/attempts`)) as { guid: string; redelivery: boolean; attempts: number };
    expect(redelivered).toMatchObject({ guid: failures[0]!.guid, redelivery: true, attempts: 1 });
    expect(received.filter((r) => r.path === "/fail")).toHaveLength(failures.length * 3 + 1);
    void orgHook;
    await admin(running, "DELETE", "/github/webhooks");
  });
});
