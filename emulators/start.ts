// Starts the emulators in this process: builds the world, the TLS material and keys, one HTTPS
// server per emulator and the admin server, and describes them in endpoints.json.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { RequestAccounting } from "./core/accounting";
import { EMULATOR_NAMES, type EmulatorContext, type EmulatorDefinition, type EmulatorName } from "./core/context";
import { AZURE_DEVOPS_DEMO_PAT, GITHUB_APP_ID, GITHUB_DEMO_TOKEN, githubInstallationId } from "./core/credentials";
import { FaultBoard, FaultConfigSchema } from "./core/faults";
import { loadOrCreateKeys } from "./core/keys";
import { buildAdminServer } from "./core/admin";
import { buildEmulatorServer } from "./core/server";
import { loadOrCreateTls } from "./core/tls";
import { TokenRegistry } from "./core/tokens";
import { World } from "./world/world";
import type { ScaleName } from "./world/scale";
import { EMULATORS } from "./registry";

export interface StartOptions {
  scale?: ScaleName;
  seed?: number;
  /** Where TLS material, keys and endpoints.json go. */
  dir?: string;
  /** First port; emulators take consecutive ports from it (0: any free port). */
  portBase?: number;
  fixturesMode?: boolean;
  /** Initial faults for every emulator, e.g. from RAMPART_EMULATOR_FAULTS. */
  faults?: Record<string, unknown>;
  /** Start only these (tests). */
  only?: EmulatorName[];
}

export interface Endpoints {
  github: string;
  githubGraphql: string;
  arm: string;
  azureDevOps: string;
  entra: string;
  entraBase: string;
  /** Microsoft Graph (the slice the Entra emulator serves: memberOf, getMemberObjects, users). */
  graph: string;
  admin: string;
  caCert: string;
  githubToken: string;
  githubApp: { appId: number; privateKeyPath: string; installations: { id: number; account: string }[] };
  entraClient: { tenantId: string; clientId: string; clientSecret: string };
  entraWorkload: { tenantId: string; clientId: string; clientSecret: string };
  azureDevOpsPat: string;
  world: {
    scale: string;
    seed: number;
    githubOrgs: string[];
    subscriptions: string[];
    azureDevOpsOrgs: string[];
    personas: { id: string; label: string; upn: string; roles: string[] }[];
  };
}

export interface RunningEmulators {
  endpoints: Endpoints;
  ctx: EmulatorContext;
  close(): Promise<void>;
}

export async function startEmulators(options: StartOptions = {}): Promise<RunningEmulators> {
  const dir = path.resolve(options.dir ?? ".emulators");
  await mkdir(dir, { recursive: true });
  const world = new World(options.seed ?? 42, options.scale ?? "demo");
  const tokens = new TokenRegistry();
  tokens.register({ token: GITHUB_DEMO_TOKEN, kind: "github-pat", subject: "rampart-demo", expiresAt: null, data: { orgs: "*" } });
  tokens.register({ token: AZURE_DEVOPS_DEMO_PAT, kind: "ado-pat", subject: "rampart-demo", expiresAt: null, data: { orgs: "*" } });
  const faults = Object.fromEntries(EMULATOR_NAMES.map((n) => [n, new FaultBoard()])) as Record<EmulatorName, FaultBoard>;
  if (options.faults) for (const n of EMULATOR_NAMES) faults[n].set(FaultConfigSchema.partial().parse(options.faults));
  const ctx: EmulatorContext = {
    world,
    tokens,
    keys: await loadOrCreateKeys(path.join(dir, "keys")),
    tls: await loadOrCreateTls(path.join(dir, "tls")),
    faults,
    accounting: Object.fromEntries(EMULATOR_NAMES.map((n) => [n, new RequestAccounting()])) as Record<EmulatorName, RequestAccounting>,
    urls: { github: "", arm: "", azureDevOps: "", entra: "" },
    dataDir: dir,
    fixturesMode: options.fixturesMode ?? false,
  };

  const selected: EmulatorDefinition[] = EMULATORS.filter((d) => !options.only || options.only.includes(d.name));
  const servers: FastifyInstance[] = [];
  let port = options.portBase ?? 0;
  const listen = async (app: FastifyInstance): Promise<string> => {
    const wanted = port ? port++ : 0;
    const address = await app.listen({ host: "127.0.0.1", port: wanted }).catch((error: NodeJS.ErrnoException) => {
      // A preferred port that is taken is not worth failing the demo for: take any free one.
      if (error.code === "EADDRINUSE" && wanted !== 0) return app.listen({ host: "127.0.0.1", port: 0 });
      throw error;
    });
    servers.push(app);
    return address.replace("127.0.0.1", "localhost");
  };
  try {
    for (const definition of selected) {
      const app = await buildEmulatorServer(definition, ctx);
      ctx.urls[definition.name] = await listen(app);
    }
    const admin = await buildAdminServer(
      ctx,
      selected.filter((d) => d.registerAdmin).map((d) => (app: FastifyInstance) => d.registerAdmin!(app, ctx)),
    );
    const adminUrl = await listen(admin);

    const endpoints: Endpoints = {
      github: ctx.urls.github,
      githubGraphql: ctx.urls.github ? `${ctx.urls.github}/graphql` : "",
      arm: ctx.urls.arm,
      azureDevOps: ctx.urls.azureDevOps,
      entra: ctx.urls.entra ? `${ctx.urls.entra}/${world.entra.tenantId}` : "",
      entraBase: ctx.urls.entra,
      graph: ctx.urls.entra ? `${ctx.urls.entra}/graph` : "",
      admin: adminUrl,
      caCert: ctx.tls.caCertPath,
      githubToken: GITHUB_DEMO_TOKEN,
      githubApp: {
        appId: GITHUB_APP_ID,
        privateKeyPath: ctx.keys.githubApp.privateKeyPath,
        installations: world.github.orgs.map((o, i) => ({ id: githubInstallationId(i), account: o.login })),
      },
      entraClient: { tenantId: world.entra.tenantId, ...world.entra.app },
      entraWorkload: { tenantId: world.entra.tenantId, ...world.entra.workload },
      azureDevOpsPat: AZURE_DEVOPS_DEMO_PAT,
      world: {
        scale: world.scale.name,
        seed: world.seed,
        githubOrgs: world.github.orgs.map((o) => o.login),
        subscriptions: world.azure.subscriptions.map((s) => s.subscriptionId),
        azureDevOpsOrgs: world.azureDevOps.map((o) => o.name),
        personas: world.entra.personas.map((p) => ({ id: p.id, label: p.label, upn: world.entra.users[p.userIndex]!.upn, roles: p.roles })),
      },
    };
    await writeFile(path.join(dir, "endpoints.json"), `${JSON.stringify(endpoints, null, 2)}\n`);
    return {
      endpoints,
      ctx,
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
}
