import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineRoute } from "./route";
import { NotFoundError } from "../http/errors";

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/thing", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

describe("defineRoute", () => {
  const echo = defineRoute({
    access: "public",
    body: z.object({ name: z.string().min(1) }),
    maxBodyBytes: 100,
    handler: async ({ body }) => ({ hello: body.name }),
  });

  it("parses the body with the declared schema and returns JSON", async () => {
    const response = await echo(post(JSON.stringify({ name: "rampart" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hello: "rampart" });
  });

  it("answers 400 with the failing paths when the body does not match", async () => {
    const response = await echo(post(JSON.stringify({ name: 42 })));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues[0]?.path).toBe("name");
  });

  it("answers 400 for malformed JSON", async () => {
    const response = await echo(post("{not json"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
  });

  it("answers 413 when the body is over the limit, declared or streamed", async () => {
    expect((await echo(post(JSON.stringify({ name: "x".repeat(200) })))).status).toBe(413);
    const lying = post(JSON.stringify({ name: "x".repeat(200) }), { "content-length": "10" });
    expect((await echo(lying)).status).toBe(413);
  });

  it("parses query parameters", async () => {
    const route = defineRoute({
      access: "public",
      query: z.object({ limit: z.coerce.number().int().max(500) }),
      handler: async ({ query }) => ({ limit: query.limit }),
    });
    expect(await (await route(new Request("http://localhost/x?limit=20"))).json()).toEqual({ limit: 20 });
    expect((await route(new Request("http://localhost/x?limit=9999"))).status).toBe(400);
  });

  it("maps typed errors to their status", async () => {
    const route = defineRoute({ access: "public", handler: async () => { throw new NotFoundError("No such repository."); } });
    const response = await route(new Request("http://localhost/x"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such repository." } });
  });

  it("hides unknown errors behind a bare 500 and logs them", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const route = defineRoute({
      access: "public",
      handler: async () => { throw new Error('relation "finding" does not exist at character 15'); },
    });
    const response = await route(new Request("http://localhost/x"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(/relation|finding|character/);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/relation \\"finding\\" does not exist/);
    stderr.mockRestore();
  });

  it("refuses a route that needs a permission when there is no session (401, nothing leaked)", async () => {
    const route = defineRoute({ access: { permission: "findings.read" }, handler: async () => ({ secret: true }) });
    const response = await route(new Request("http://localhost/x"));
    expect(response.status).toBe(401);
    expect(await response.text()).not.toMatch(/secret/);
  });
});
