// Key material the emulators sign with: the Entra token-signing key (published on the JWKS
// endpoint, checked by ARM/ADO/Graph) and the demo GitHub App's private key (Rampart signs
// app JWTs with it; the GitHub emulator verifies them with the public half).
import { generateKeyPairSync, createHash, type KeyObject } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportJWK, type JWK } from "jose";

export interface SigningKeys {
  entra: { kid: string; privateKey: KeyObject; publicKey: KeyObject; publicJwk: JWK };
  githubApp: { privateKeyPath: string; privateKeyPem: string; publicKey: KeyObject };
}

async function loadOrCreatePem(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  await writeFile(file, pem, { mode: 0o600 });
  return pem;
}

/** Loads (or creates once) the RSA keys under `dir`. */
export async function loadOrCreateKeys(dir: string): Promise<SigningKeys> {
  await mkdir(dir, { recursive: true });
  const { createPrivateKey, createPublicKey } = await import("node:crypto");
  const entraPem = await loadOrCreatePem(path.join(dir, "entra-signing-key.pem"));
  const entraPrivate = createPrivateKey(entraPem);
  const entraPublic = createPublicKey(entraPrivate);
  const publicJwk = await exportJWK(entraPublic);
  const kid = createHash("sha256").update(JSON.stringify(publicJwk)).digest("base64url").slice(0, 27);
  const appKeyPath = path.join(dir, "github-app-private-key.pem");
  const appPem = await loadOrCreatePem(appKeyPath);
  return {
    entra: { kid, privateKey: entraPrivate, publicKey: entraPublic, publicJwk: { ...publicJwk, kid, use: "sig", alg: "RS256" } },
    githubApp: { privateKeyPath: appKeyPath, privateKeyPem: appPem, publicKey: createPublicKey(createPrivateKey(appPem)) },
  };
}
