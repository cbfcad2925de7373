// Server-side sessions in PostgreSQL. The browser holds an opaque random token; the table holds
// its SHA-256, the roles and groups seen at sign-in, a CSRF token, and two deadlines: idle
// (pushed forward as the person works) and absolute (fixed at sign-in). Revoking is a row
// update, so sign-out and an admin's revoke take effect on the next request everywhere.
import { database } from "../db";
import { env } from "../env";
import type { Role } from "./roles";
import { randomToken, sha256 } from "./tokens";

export interface SessionRecord {
  id: string;
  userId: string;
  roles: Role[];
  groups: string[];
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  user: { tenantId: string; objectId: string; upn: string | null; displayName: string | null };
}

/** Don't write last_seen on every request: once a minute is enough to slide the idle deadline. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  userId: string;
  roles: Role[];
  groups: string[];
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** Creates a session; returns the token for the cookie (shown once, never stored). */
export async function createSession(input: NewSession, now = new Date()): Promise<{ token: string; id: string; absoluteExpiresAt: Date }> {
  const settings = env();
  const token = randomToken();
  const absoluteExpiresAt = new Date(now.getTime() + settings.SESSION_ABSOLUTE_HOURS * 3_600_000);
  const session = await database().prisma.session.create({
    data: {
      tokenHash: sha256(token),
      userId: input.userId,
      roles: input.roles,
      groups: input.groups,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(Math.min(now.getTime() + settings.SESSION_IDLE_MINUTES * 60_000, absoluteExpiresAt.getTime())),
      absoluteExpiresAt,
      ipAddress: input.ipAddress ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true },
  });
  return { token, id: session.id, absoluteExpiresAt };
}

/**
 * The live session a cookie token names, or null when it is unknown, revoked or past either
 * deadline. Slides the idle deadline (never past the absolute one).
 */
export async function readSession(token: string | undefined, now = new Date()): Promise<SessionRecord | null> {
  if (!token || token.length > 128) return null;
  const { prisma } = database();
  const row = await prisma.session.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { tenantId: true, objectId: true, upn: true, displayName: true } } },
  });
  if (!row || row.revokedAt || row.idleExpiresAt <= now || row.absoluteExpiresAt <= now) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const idle = new Date(Math.min(now.getTime() + env().SESSION_IDLE_MINUTES * 60_000, row.absoluteExpiresAt.getTime()));
    await prisma.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now, idleExpiresAt: idle } });
    row.idleExpiresAt = idle;
  }
  return {
    id: row.id,
    userId: row.userId,
    roles: row.roles as Role[],
    groups: row.groups,
    csrfToken: row.csrfToken,
    idleExpiresAt: row.idleExpiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    user: row.user,
  };
}

/** Revokes the session a token names (sign-out, rotation at sign-in); a no-op for unknown tokens. */
export async function revokeSessionToken(token: string | undefined, now = new Date()): Promise<void> {
  if (!token || token.length > 128) return;
  await database().prisma.session.updateMany({ where: { tokenHash: sha256(token), revokedAt: null }, data: { revokedAt: now } });
}

/** Deletes sessions and sign-in states past their deadlines (run by the nightly job). */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const { prisma } = database();
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const [sessions] = await Promise.all([
    prisma.session.deleteMany({ where: { OR: [{ absoluteExpiresAt: { lt: week } }, { revokedAt: { lt: week } }] } }),
    prisma.loginState.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return sessions.count;
}
