// The key that seals notification channel credentials (RAMPART_SECRET_KEY): the demo keeps one
// in its data folder (0600) so sealed rules survive a restart; tests use a fresh one.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function demoSecretKey(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, "secret-key");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString("base64");
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

export function throwawaySecretKey(): string {
  return randomBytes(32).toString("base64");
}
