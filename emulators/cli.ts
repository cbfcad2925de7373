// npm run emulators — starts every emulator over HTTPS on loopback and writes
// .emulators/endpoints.json. Options: --scale tiny|demo|enterprise, --seed N, --port-base N,
// --fixtures; RAMPART_EMULATOR_FAULTS='{"serverErrorRate":0.05}' sets initial faults.
import { parseArgs } from "node:util";
import { startEmulators } from "./start";
import type { ScaleName } from "./world/scale";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: process.env.RAMPART_EMULATOR_SCALE ?? "demo" },
    seed: { type: "string", default: process.env.RAMPART_EMULATOR_SEED ?? "42" },
    "port-base": { type: "string", default: process.env.RAMPART_EMULATOR_PORT_BASE ?? "0" },
    dir: { type: "string", default: ".emulators" },
    fixtures: { type: "boolean", default: false },
  },
});

const faults = process.env.RAMPART_EMULATOR_FAULTS ? (JSON.parse(process.env.RAMPART_EMULATOR_FAULTS) as Record<string, unknown>) : undefined;
const running = await startEmulators({
  scale: values.scale as ScaleName,
  seed: Number(values.seed),
  portBase: Number(values["port-base"]),
  dir: values.dir,
  fixturesMode: values.fixtures,
  faults,
});
const e = running.endpoints;
console.log(`emulators up (scale ${e.world.scale}, seed ${e.world.seed}):
  GitHub        ${e.github}   (GraphQL ${e.githubGraphql})
  ARM           ${e.arm}
  Azure DevOps  ${e.azureDevOps}
  Entra ID      ${e.entra}
  admin         ${e.admin}
  CA            ${e.caCert}   (export NODE_EXTRA_CA_CERTS=${e.caCert})
  endpoints     ${values.dir}/endpoints.json`);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
