// Fixtures mode: the org alert lists answer with the examples GitHub publishes in its OpenAPI
// description, byte for byte the same JSON.
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { get } from "./test-support/clients";
import { restExample } from "./test-support/openapi";

describe("GitHub fixtures mode", () => {
  const emulators = useEmulators(["github"], { fixturesMode: true });

  for (const path of ["code-scanning/alerts", "secret-scanning/alerts", "dependabot/alerts"]) {
    it(`serves the spec's example for GET /orgs/{org}/${path}`, async () => {
      const running = emulators();
      const result = await get(running, `/orgs/${running.ctx.world.github.orgs[0]!.login}/${path}`);
      expect(result.status).toBe(200);
      expect(result.body).toEqual(restExample(`/orgs/{org}/${path}`));
    });
  }

  it("still authenticates and validates parameters first", async () => {
    const running = emulators();
    const org = running.ctx.world.github.orgs[0]!.login;
    expect((await get(running, `/orgs/${org}/dependabot/alerts`, null)).status).toBe(401);
    expect((await get(running, `/orgs/${org}/dependabot/alerts?page=2`)).status).toBe(400);
  });
});
