// The embedded PostgreSQL under concurrent clients: interleaved extended-protocol queries from
// many connections must each get their own results (pglite-socket alone mixes them up).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

describe("embedded PostgreSQL", () => {
  it("serves parameterised queries from many connections at once without mixing them", async () => {
    const server = await startEmbeddedPostgres({ dataDir: undefined });
    const pool = new pg.Pool({ connectionString: server.url, max: 8 });
    try {
      const results = await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          // Parameterised statements go Parse/Bind/Execute/Sync; interleaved with another
          // connection's messages, a Bind can find its unnamed statement replaced or gone.
          if (i % 4 === 3) {
            // Transactions (simple-protocol BEGIN/COMMIT) interleaved with the others' sequences.
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              const { rows } = await client.query<{ n: number }>("SELECT $1::int + 1 AS n", [i]);
              await client.query("COMMIT");
              return rows[0]!.n === i + 1;
            } finally {
              client.release();
            }
          }
          if (i % 3 === 2) {
            // No parameters: pg sends a simple Query, which discards any unnamed statement.
            const { rows } = await pool.query<{ n: number }>(`SELECT ${i} AS n`);
            return rows[0]!.n === i;
          }
          if (i % 3 === 0) {
            const { rows } = await pool.query<{ n: number; s: string }>("SELECT $1::int * 2 AS n, $2::text AS s", [i, `q${i}`]);
            return rows[0]!.n === i * 2 && rows[0]!.s === `q${i}`;
          }
          const { rows } = await pool.query<{ n: string }>("SELECT ($1::bigint + $2::bigint + $3::bigint)::text AS n", [i, 1, 2]);
          return rows[0]!.n === String(i + 3);
        }),
      );
      expect(results.every(Boolean)).toBe(true);
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 30_000);
});
