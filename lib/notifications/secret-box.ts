// Seals secrets an admin pastes into Rampart (webhook URLs that carry a token, signing secrets)
// so a database dump or backup does not yield them. AES-256-GCM with the key from
// RAMPART_SECRET_KEY and a random 12-byte IV per secret. Envelope, version 1:
//
//   [0x01][12-byte IV][16-byte GCM tag][ciphertext]
//
// The version byte lets a later key rotation or algorithm change read old rows. The caller's
// `context` (e.g. "notification_rule:<id>") is bound as additional authenticated data, so an
// envelope copied onto another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyMissingError extends Error {
  constructor() {
    super("RAMPART_SECRET_KEY is not set: secrets cannot be stored or read. Set it to 32 random bytes (base64).");
    this.name = "SecretKeyMissingError";
  }
}

/** The configured key, decoded; throws when none is configured. */
function secretKey(): Buffer {
  const raw = env().RAMPART_SECRET_KEY;
  if (!raw) throw new SecretKeyMissingError();
  return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
}

/** Whether secrets can be sealed here (the admin UI can say so before a save fails). */
export function secretKeyConfigured(): boolean {
  return Boolean(env().RAMPART_SECRET_KEY);
}

/** Encrypts `plaintext` into a versioned envelope bound to `context`. */
export function sealSecret(plaintext: string, context: string, key: Buffer = secretKey()): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts an envelope made by sealSecret with the same context; throws if it was altered or moved. */
export function openSecret(envelope: Uint8Array, context: string, key: Buffer = secretKey()): string {
  const bytes = Buffer.from(envelope);
  if (bytes[0] !== VERSION) throw new Error(`unknown secret envelope version ${bytes[0]}`);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES) throw new Error("secret envelope is truncated");
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
