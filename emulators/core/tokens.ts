// Opaque access tokens the emulators issue (GitHub installation tokens, PATs, ADO PATs) and
// check. Shared so one emulator can validate what another issued, and so "expire every
// token" is one switch for the token-expiry-mid-sync fault.
import { randomBytes } from "node:crypto";

export interface IssuedToken {
  token: string;
  /** What issued it: "github-installation", "github-pat", "ado-pat", … */
  kind: string;
  subject: string;
  expiresAt: number | null;
  /** Issuer-specific facts (installation id, permissions, org, scopes…). */
  data: Record<string, unknown>;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, IssuedToken>();

  /** Issues a new random token with `prefix` (ghs_, ghp_, …). */
  issue(prefix: string, fields: Omit<IssuedToken, "token">): IssuedToken {
    const token = `${prefix}${randomBytes(18).toString("base64url")}`;
    return this.register({ ...fields, token });
  }

  /** Registers a known token (the demo's fixed credentials). */
  register(token: IssuedToken): IssuedToken {
    this.tokens.set(token.token, token);
    return token;
  }

  /** The token if it exists and has not expired, else undefined. */
  lookup(token: string, now = Date.now()): IssuedToken | undefined {
    const found = this.tokens.get(token);
    if (!found) return undefined;
    if (found.expiresAt !== null && found.expiresAt <= now) return undefined;
    return found;
  }

  /** Expires every token of `kind` (or all) now: the next request with one gets a 401. */
  expireAll(kind?: string): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if ((!kind || token.kind === kind) && token.expiresAt !== 0) {
        // Long-lived fixed credentials (the demo PAT) survive: real PATs do not expire mid-sync.
        if (token.expiresAt === null) continue;
        token.expiresAt = 0;
        count++;
      }
    }
    return count;
  }
}
