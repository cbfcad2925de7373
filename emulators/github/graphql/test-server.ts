// For this folder's tests: the GraphQL route on its own HTTPS server (the shared fault and
// accounting hooks included) over a tiny world, built from core/ alone, so these tests exercise
// exactly this code whatever state the other emulators are in.
import path from "node:path";
import { beforeAll, afterAll } from "vitest";
import type { FastifyInstance } from "fastify";
import { graphql } from "@octokit/graphql";
import { validate } from "@octokit/graphql-schema";
import { RequestAccounting } from "../../core/accounting";
import { EMULATOR_NAMES, type EmulatorContext, type EmulatorName } from "../../core/context";
import { GITHUB_DEMO_TOKEN, githubInstallationId } from "../../core/credentials";
import { FaultBoard } from "../../core/faults";
import { loadOrCreateKeys } from "../../core/keys";
import { buildEmulatorServer } from "../../core/server";
import { loadOrCreateTls } from "../../core/tls";
import { TokenRegistry } from "../../core/tokens";
import { World } from "../../world/world";
import { registerGraphql } from "./index";

async function tinyContext(): Promise<EmulatorContext> {
  const dir = process.env.RAMPART_EMULATOR_TEST_DIR ?? path.resolve(".emulators/test");
  const tokens = new TokenRegistry();
  tokens.register({ token: GITHUB_DEMO_TOKEN, kind: "github-pat", subject: "rampart-demo", expiresAt: null, data: { orgs: "*" } });
  const each = <T>(make: () => T) => Object.fromEntries(EMULATOR_NAMES.map((n) => [n, make()])) as Record<EmulatorName, T>;
  return {
    world: new World(42, "tiny"),
    tokens,
    keys: await loadOrCreateKeys(path.join(dir, "keys")),
    tls: await loadOrCreateTls(path.join(dir, "tls")),
    faults: each(() => new FaultBoard()),
    accounting: each(() => new RequestAccounting()),
    urls: { github: "", arm: "", azureDevOps: "", entra: "" },
    dataDir: dir,
    fixturesMode: false,
  };
}

export interface GraphqlTarget {
  /** Base URL; POST <url>/graphql. */
  url: string;
  ctx: EmulatorContext;
  /** @octokit/graphql with the demo PAT, refusing to send a query GitHub's schema rejects. */
  client: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  /** An installation token of the demo app for org `orgIndex`, as the App emulator would issue. */
  installationToken(orgIndex: number): string;
  /** A PAT of its own (its own rate-limit budget). */
  pat(subject: string): string;
}

/** Starts the emulators for the file and the GraphQL server beside them. */
export function useGraphql(): () => GraphqlTarget {
  let server: FastifyInstance | undefined;
  let target: GraphqlTarget | undefined;
  beforeAll(async () => {
    const ctx = await tinyContext();
    server = await buildEmulatorServer(
      {
        name: "github",
        register: (app, c) => registerGraphql(app, c),
        // Rate-limit faults belong to the GitHub emulator's own definition; these tests inject none.
        rateLimited: (_request, reply, _kind, retryAfter) => reply.code(403).header("retry-after", String(retryAfter)).send({ message: "API rate limit exceeded" }),
      },
      ctx,
    );
    const address = await server.listen({ host: "127.0.0.1", port: 0 });
    const url = address.replace("127.0.0.1", "localhost");
    ctx.urls.github = url;
    const octokit = graphql.defaults({ baseUrl: url, headers: { authorization: `bearer ${GITHUB_DEMO_TOKEN}` } });
    target = {
      url,
      ctx,
      client: (query, variables) => {
        const problems = validate(query);
        if (problems.length) throw new Error(`query rejected by GitHub's schema: ${problems.map((p) => p.message).join("; ")}`);
        return octokit(query, variables);
      },
      installationToken: (orgIndex) =>
        ctx.tokens.issue("ghs_", { kind: "github-installation", subject: `installation-${orgIndex}`, expiresAt: Date.now() + 3_600_000, data: { installationId: githubInstallationId(orgIndex) } }).token,
      pat: (subject) => ctx.tokens.issue("ghp_", { kind: "github-pat", subject, expiresAt: null, data: { orgs: "*" } }).token,
    };
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!target) throw new Error("GraphQL server not started yet");
    return target;
  };
}

/** Posts a raw GraphQL request (for status codes and headers the client hides). */
export async function post(url: string, body: unknown, token: string | null = GITHUB_DEMO_TOKEN): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}
