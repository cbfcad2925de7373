// The health route end to end through its handler, against the run's migrated schema.
import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports a reachable database with every migration applied", async () => {
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      database: { reachable: true },
      migrations: { pending: 0, failed: 0 },
    });
    expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
  });
});
