// A certificate registered on the Rampart web app, so private_key_jwt client authentication
// (MSAL's `clientCertificate`) can be exercised like a secret. Kept in <dataDir>/keys with
// its private key; created once, atomically, because parallel test workers share the folder.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash, createPublicKey, randomUUID, webcrypto, type KeyObject } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface AppCertificate {
  /** PEM file holding the private key then the certificate (what MSAL's config wants). */
  path: string;
  privateKeyPem: string;
  certificatePem: string;
  publicKey: KeyObject;
  /** Hex thumbprints, as the portal shows them and MSAL's `thumbprintSha256`/`thumbprint` take them. */
  thumbprintSha256: string;
  thumbprintSha1: string;
}

const FILE = "entra-app-credential.pem";
const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

async function generate(): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "0a",
    name: "CN=rampart-web-app",
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 2 * 365 * 86_400_000),
    keys,
    signingAlgorithm: ALGORITHM,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, "$1\n").trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return `${keyPem}${certificate.toString("pem")}\n`;
}

function parse(file: string, pem: string): AppCertificate {
  const privateKeyPem = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(pem)?.[0];
  const certificatePem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(pem)?.[0];
  if (!privateKeyPem || !certificatePem) throw new Error(`${file} does not hold a private key and a certificate`);
  const certificate = new x509.X509Certificate(certificatePem);
  const der = Buffer.from(certificate.rawData);
  return {
    path: file,
    privateKeyPem,
    certificatePem,
    publicKey: createPublicKey(certificatePem),
    thumbprintSha256: createHash("sha256").update(der).digest("hex"),
    thumbprintSha1: createHash("sha1").update(der).digest("hex"),
  };
}

/** Loads the web app's certificate from `<dataDir>/keys`, creating it the first time. */
export async function loadOrCreateAppCertificate(dataDir: string): Promise<AppCertificate> {
  const dir = path.join(dataDir, "keys");
  const file = path.join(dir, FILE);
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing) return parse(file, existing);
  await mkdir(dir, { recursive: true });
  // Write aside, then link into place: link fails if another process won the race, and
  // either way everyone reads the same complete file.
  const temp = path.join(dir, `.${FILE}.${randomUUID()}`);
  await writeFile(temp, await generate(), { mode: 0o600 });
  await link(temp, file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await unlink(temp);
  return parse(file, await readFile(file, "utf8"));
}
