// Resolves a connection's secret reference (env:NAME or file:/path) at the moment it is needed.
// The value is never logged, stored, or returned to a client.
import { readFile } from "node:fs/promises";

export class SecretUnavailableError extends Error {
  constructor(reference: string, why: string) {
    super(`The secret ${reference.replace(/^(env|file):.*$/, "$1:…")} could not be read: ${why}`);
    this.name = "SecretUnavailableError";
  }
}

/** Reads the secret a reference points at. */
export async function resolveSecret(reference: string | null): Promise<string> {
  if (!reference) throw new SecretUnavailableError("(none)", "the connection has no secret configured");
  if (reference.startsWith("env:")) {
    const value = process.env[reference.slice(4)];
    if (!value) throw new SecretUnavailableError(reference, "the environment variable is not set");
    return value;
  }
  if (reference.startsWith("file:")) {
    // The path is an admin's configuration (a mounted secret), not request input.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    const value = await readFile(reference.slice(5), "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new SecretUnavailableError(reference, error.code ?? "unreadable");
    });
    return value.trim();
  }
  throw new SecretUnavailableError(reference, "unknown reference kind (use env:NAME or file:/path)");
}
