// Node reads NODE_EXTRA_CA_CERTS only at start-up. When the local emulators are running and
// their CA is not trusted yet, re-run this command with it set, exactly as an operator would
// for a corporate CA. Real deployments set the variable themselves (or need none).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Returns normally when nothing needs doing; otherwise hands over to the child and exits with it. */
export async function trustEmulatorCaOrReexec(): Promise<void> {
  if (process.env.NODE_EXTRA_CA_CERTS) return;
  const endpointsFile = path.resolve(process.env.RAMPART_EMULATOR_ENDPOINTS ?? ".emulators/endpoints.json");
  if (!existsSync(endpointsFile)) return;
  const { caCert } = JSON.parse(readFileSync(endpointsFile, "utf8")) as { caCert?: string };
  if (!caCert || !existsSync(caCert)) return;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCert },
  });
  const code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
  process.exit(code);
}
