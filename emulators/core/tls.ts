// A local certificate authority and a server certificate for 127.0.0.1/localhost, kept in
// .emulators/tls so a restart reuses them (clients trust the CA via NODE_EXTRA_CA_CERTS).
// @peculiar/x509 resolves its services through tsyringe, which needs the reflect polyfill.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TlsMaterial {
  caCertPath: string;
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const YEAR = 365 * 86_400_000;

function pem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

async function generate(): Promise<Omit<TlsMaterial, "caCertPath">> {
  const subtle = webcrypto.subtle;
  const caKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 5 * YEAR);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Rampart Emulators Local CA",
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const serverKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: "CN=localhost",
    issuer: ca.subject,
    notBefore,
    notAfter: new Date(Date.now() + 2 * YEAR),
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  const keyDer = await subtle.exportKey("pkcs8", serverKeys.privateKey);
  return { caCertPem: ca.toString("pem") + "\n", certPem: leaf.toString("pem") + "\n", keyPem: pem("PRIVATE KEY", keyDer) };
}

/** Loads the CA and server certificate from `dir`, creating them the first time. */
export async function loadOrCreateTls(dir: string): Promise<TlsMaterial> {
  const files = { ca: path.join(dir, "ca.pem"), cert: path.join(dir, "server.pem"), key: path.join(dir, "server-key.pem") };
  try {
    const [caCertPem, certPem, keyPem] = await Promise.all([readFile(files.ca, "utf8"), readFile(files.cert, "utf8"), readFile(files.key, "utf8")]);
    const leaf = new x509.X509Certificate(certPem);
    if (leaf.notAfter.getTime() > Date.now() + 30 * 86_400_000) return { caCertPath: files.ca, caCertPem, certPem, keyPem };
  } catch {
    // missing or unreadable: make new ones
  }
  await mkdir(dir, { recursive: true });
  const material = await generate();
  await writeFile(files.ca, material.caCertPem);
  await writeFile(files.cert, material.certPem + material.caCertPem);
  await writeFile(files.key, material.keyPem, { mode: 0o600 });
  return { caCertPath: files.ca, ...material, certPem: material.certPem + material.caCertPem };
}
