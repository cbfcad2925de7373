// Runs the emulators in a child process (they serve a lot of JSON; the launcher may be hosting
// the embedded database) and waits until they have written a fresh endpoints.json.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { request } from "node:https";
import type { Endpoints } from "../../emulators/start";
import { start } from "./processes";

export interface EmulatorProcess {
  process: ChildProcess;
  endpoints: Endpoints;
}

export async function startEmulatorProcess(options: { scale: string; dir: string; portBase: number; timeoutMs?: number }): Promise<EmulatorProcess> {
  const file = path.join(options.dir, "endpoints.json");
  const startedAt = Date.now();
  const child = start(process.execPath, ["--import", "tsx", "emulators/cli.ts", "--scale", options.scale, "--dir", options.dir, "--port-base", String(options.portBase)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = startedAt + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the emulators exited with ${child.exitCode} before they were ready`);
    const written = await stat(file).catch(() => null);
    if (written && written.mtimeMs >= startedAt - 1000) {
      const endpoints = JSON.parse(await readFile(file, "utf8")) as Endpoints;
      const ready = await answers(`${endpoints.admin}/world`, await readFile(endpoints.caCert, "utf8"));
      if (ready) return { process: child, endpoints };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`the emulators did not start within ${(options.timeoutMs ?? 60_000) / 1000} s`);
}

/** One HTTPS request trusting `ca` (this process may not have it in NODE_EXTRA_CA_CERTS); resolves with the status, 0 on failure. */
function httpsStatus(url: string, ca: string, method = "GET", body?: unknown): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
  return new Promise((resolve) => {
    const req = request(url, { method, ca, headers, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => req.destroy());
    req.end(payload);
  });
}

/** Whether an https URL answers 200. */
async function answers(url: string, ca: string): Promise<boolean> {
  return (await httpsStatus(url, ca)) === 200;
}

/** POSTs JSON to the emulators' admin endpoint; resolves with the status (0 when unreachable). */
export async function postToAdmin(endpoints: Endpoints, route: string, body: unknown): Promise<number> {
  return httpsStatus(`${endpoints.admin}${route}`, await readFile(endpoints.caCert, "utf8"), "POST", body);
}
