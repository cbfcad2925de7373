// Sign-in settings that point Rampart at the Entra ID emulator — the same variables an operator
// sets for real Entra ID (README, "Sign-in"). The web app's client secret goes into a 0600 file
// and is referenced, so it is not visible in the process list.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Endpoints } from "../../emulators/start";

export async function emulatedSignInEnvironment(endpoints: Endpoints, emulatorDir: string, origin: string): Promise<Record<string, string>> {
  const secrets = path.resolve(emulatorDir, "secrets");
  await mkdir(secrets, { recursive: true, mode: 0o700 });
  const secretFile = path.join(secrets, "entra-web-secret");
  await writeFile(secretFile, endpoints.entraClient.clientSecret, { mode: 0o600 });
  return {
    ENTRA_AUTHORITY: endpoints.entra,
    ENTRA_CLIENT_ID: endpoints.entraClient.clientId,
    ENTRA_CLIENT_SECRET: `file:${secretFile}`,
    ENTRA_KNOWN_AUTHORITIES: endpoints.entraBase,
    GRAPH_BASE_URL: `${endpoints.entraBase}/graph`,
    RAMPART_ORIGIN: origin,
  };
}
