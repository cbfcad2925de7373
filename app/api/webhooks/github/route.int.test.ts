// The webhook endpoint end to end through its handler against the run's database.
import { Webhooks } from "@octokit/webhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/lib/db";

const SECRET = "test-webhook-secret-0123456789";
process.env.GITHUB_WEBHOOK_SECRET = SECRET;
const { POST } = await import("./route");

const run = Date.now();
const repository = { id: 880_000 + (run % 100_000), node_id: "R_x", name: "hooks", full_name: `hook-org-${run}/hooks`, private: true };

function alertPayload(state: string, extra: Record<string, unknown> = {}) {
  return {
    action: state === "open" ? "created" : "fixed",
    alert: {
      number: 5,
      created_at: "2026-10-01T00:00:00Z",
      updated_at: state === "open" ? "2026-10-01T00:00:00Z" : "2026-10-03T00:00:00Z",
      html_url: `https://github.test/${repository.full_name}/security/code-scanning/5`,
      state,
      fixed_at: state === "fixed" ? "2026-10-03T00:00:00Z" : null,
      dismissed_by: null,
      dismissed_at: null,
      dismissed_reason: null,
      rule: { id: "js/xss", name: "xss", severity: "error", security_severity_level: "high", description: "XSS" },
      tool: { name: "CodeQL", version: "2.19" },
      most_recent_instance: { ref: "refs/heads/main", location: { path: "web/app.js", start_line: 3 } },
      ...extra,
    },
    repository,
    organization: { login: `hook-org-${run}` },
  };
}

async function deliver(body: string, headers: Record<string, string>) {
  return POST(new Request("http://localhost/api/webhooks/github", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
}

async function signed(payload: unknown, deliveryId: string, event = "code_scanning_alert") {
  const body = JSON.stringify(payload);
  const signature = await new Webhooks({ secret: SECRET }).sign(body);
  return deliver(body, { "x-github-event": event, "x-github-delivery": deliveryId, "x-hub-signature-256": signature });
}

const sourceId = `code_scanning:${repository.id}:5`;
const findingCount = () => database().prisma.finding.count({ where: { sourceId } });

beforeAll(async () => {
  const org = await database().prisma.organization.create({ data: { source: "github", sourceId: `hook-org-${run}`, login: `hook-org-${run}` } });
  await database().prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: String(repository.id), name: "hooks", fullName: repository.full_name } });
});

describe("POST /api/webhooks/github", () => {
  it("rejects a forged signature and a missing one with 401, writing nothing", async () => {
    const body = JSON.stringify(alertPayload("open"));
    const forged = await new Webhooks({ secret: "not-the-secret-000000" }).sign(body);
    expect((await deliver(body, { "x-github-event": "code_scanning_alert", "x-github-delivery": `f-${run}`, "x-hub-signature-256": forged })).status).toBe(401);
    expect((await deliver(body, { "x-github-event": "code_scanning_alert", "x-github-delivery": `m-${run}` })).status).toBe(401);
    expect(await findingCount()).toBe(0);
    expect(await database().prisma.webhookDelivery.count({ where: { deliveryId: { in: [`f-${run}`, `m-${run}`] } } })).toBe(0);
  });

  it("applies a signed alert event: the finding and its opened event", async () => {
    const response = await signed(alertPayload("open"), `d1-${run}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, status: "applied", created: 1, events: 1 });
    const finding = await database().prisma.finding.findUniqueOrThrow({ where: { source_sourceId: { source: "github", sourceId } } });
    expect([finding.state, finding.severity, finding.repositoryId !== null]).toEqual(["open", "high", true]);
  });

  it("applies a later fix with the source's fixed_at, and ignores a redelivery of it", async () => {
    expect(await (await signed(alertPayload("fixed"), `d2-${run}`)).json()).toMatchObject({ status: "applied", updated: 1, events: 1 });
    expect(await (await signed(alertPayload("fixed"), `d2-${run}`)).json()).toMatchObject({ status: "duplicate" });
    const events = await database().prisma.findingEvent.findMany({ where: { finding: { sourceId } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.occurredAt.toISOString()])).toEqual([
      ["opened", "2026-10-01T00:00:00.000Z"],
      ["fixed", "2026-10-03T00:00:00.000Z"],
    ]);
  });

  it("answers 400 for signed malformed JSON and 413 for oversized bodies, writing nothing", async () => {
    const body = "{ not json";
    const signature = await new Webhooks({ secret: SECRET }).sign(body);
    expect((await deliver(body, { "x-github-event": "code_scanning_alert", "x-github-delivery": `bad-${run}`, "x-hub-signature-256": signature })).status).toBe(400);
    const huge = JSON.stringify({ ...alertPayload("open"), padding: "x".repeat(1_100_000) });
    expect((await deliver(huge, { "x-github-event": "code_scanning_alert", "x-github-delivery": `big-${run}`, "x-hub-signature-256": await new Webhooks({ secret: SECRET }).sign(huge) })).status).toBe(413);
    expect(await database().prisma.webhookDelivery.count({ where: { deliveryId: { in: [`bad-${run}`, `big-${run}`] } } })).toBe(0);
  });

  it("records an unmappable alert instead of dropping it", async () => {
    const response = await signed({ ...alertPayload("open"), alert: { number: "x" } }, `u-${run}`);
    expect(await response.json()).toMatchObject({ status: "unmappable" });
    const delivery = await database().prisma.webhookDelivery.findUniqueOrThrow({ where: { deliveryId: `u-${run}` } });
    expect(delivery.status).toBe("unmappable");
    expect(delivery.error).toMatch(/number/);
  });
});
