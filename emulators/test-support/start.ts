// Starts emulators for a test file (tiny world, random ports, the shared test CA) and stops
// them after it. Admin calls go over HTTPS like any client's.
import { afterAll, beforeAll } from "vitest";
import type { EmulatorName } from "../core/context";
import { startEmulators, type RunningEmulators, type StartOptions } from "../start";

/** Starts the named emulators before the file's tests; the returned getter reads them. */
export function useEmulators(only: EmulatorName[], options: Omit<StartOptions, "only" | "dir"> = {}): () => RunningEmulators {
  let running: RunningEmulators | undefined;
  beforeAll(async () => {
    running = await startEmulators({ scale: "tiny", ...options, only, dir: process.env.RAMPART_EMULATOR_TEST_DIR ?? ".emulators/test" });
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error("emulators not started yet");
    return running;
  };
}

/** Calls the admin endpoint. */
export async function admin(running: RunningEmulators, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${running.endpoints.admin}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
