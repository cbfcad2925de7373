// The shared server hooks: fault switches and request accounting, over real HTTPS.
import { describe, expect, it } from "vitest";
import { admin, useEmulators } from "../test-support/start";

describe("fault switches and accounting", () => {
  const emulators = useEmulators(["github"]);

  it("serves over HTTPS trusted through NODE_EXTRA_CA_CERTS", async () => {
    const response = await fetch(`${emulators().endpoints.admin}/world`);
    expect(response.ok).toBe(true);
    expect(await response.json()).toMatchObject({ scale: "tiny", githubOrgs: 2 });
  });

  it("injects server errors, resets, truncated and malformed bodies on demand and counts them", async () => {
    const running = emulators();
    const url = `${running.endpoints.github}/rate_limit`;
    await admin(running, "DELETE", "/faults");
    await admin(running, "DELETE", "/accounting");

    await admin(running, "PUT", "/faults/github", { serverErrorRate: 1 });
    expect([500, 502, 503]).toContain((await fetch(url)).status);

    await admin(running, "PUT", "/faults/github", { serverErrorRate: 0, connectionResetRate: 1 });
    await expect(fetch(url)).rejects.toThrow();

    await admin(running, "PUT", "/faults/github", { connectionResetRate: 0, malformedBodyRate: 1 });
    const malformed = await fetch(url);
    await expect(malformed.json()).rejects.toThrow();

    await admin(running, "PUT", "/faults/github", { malformedBodyRate: 0, truncatedBodyRate: 1 });
    await expect(fetch(url).then((r) => r.text())).rejects.toThrow();

    await admin(running, "DELETE", "/faults");
    const faults = (await admin(running, "GET", "/faults")) as Record<string, { injected: Record<string, number> }>;
    expect(faults.github?.injected).toEqual({});
    const accounting = (await admin(running, "GET", "/accounting")) as Record<string, { total: number }>;
    expect(accounting.github?.total).toBeGreaterThanOrEqual(3);
  });

  it("rejects unknown fault switches and unknown emulators", async () => {
    const running = emulators();
    await expect(admin(running, "PUT", "/faults/github", { explode: 1 })).rejects.toThrow(/400/);
    await expect(admin(running, "PUT", "/faults/nope", {})).rejects.toThrow(/404/);
  });

  it("mutates the world on demand and records events", async () => {
    const running = emulators();
    const before = (await admin(running, "GET", "/world")) as { now: string; events: number };
    const result = (await admin(running, "POST", "/mutate", { fraction: 0.05 })) as { events: number; now: string };
    expect(result.events).toBeGreaterThan(0);
    expect(Date.parse(result.now)).toBeGreaterThan(Date.parse(before.now));
  });
});
