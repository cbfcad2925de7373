import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function freshEnv() {
  return (await import("./env")).env;
}

describe("env", () => {
  it("applies defaults when nothing is set", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("DATABASE_POOL_MAX", "");
    const env = await freshEnv();
    expect(env().DATABASE_URL).toBeUndefined();
    expect(env().RAMPART_DATA_DIR).toBe(".rampart");
  });

  it("lists every bad setting in one readable error", async () => {
    vi.stubEnv("DATABASE_URL", "not a url");
    vi.stubEnv("DATABASE_POOL_MAX", "0");
    const env = await freshEnv();
    expect(() => env()).toThrow(/DATABASE_URL[\s\S]*DATABASE_POOL_MAX|DATABASE_POOL_MAX[\s\S]*DATABASE_URL/);
  });
});
