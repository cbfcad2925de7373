// Connections: the configured source accounts. Secrets are referenced (env:NAME or file:PATH),
// never stored in plain text here.
import { database } from "../db";
import type { ConnectionKind } from "../generated/prisma/enums";

export interface ConnectionInput {
  kind: ConnectionKind;
  displayName: string;
  baseUrl: string;
  /** Non-secret settings (org login, app id, installation ids, tenant id, subscription ids…). */
  config: Record<string, unknown>;
  /** Where the secret lives: `env:NAME` or `file:/absolute/path`. */
  secretRef: string | null;
  createdBy: string;
}

const SECRET_REF = /^(env:[A-Z_][A-Z0-9_]*|file:\/.+)$/;

/**
 * Creates the connection, or updates the one of the same kind and display name: used by the
 * demo on every start (emulator ports may change) and by admins re-saving a connection.
 */
export async function upsertConnection(input: ConnectionInput): Promise<{ id: string; created: boolean }> {
  if (input.secretRef !== null && !SECRET_REF.test(input.secretRef)) {
    throw new Error("secretRef must be env:NAME or file:/absolute/path; secrets are never stored in the database");
  }
  const { prisma } = database();
  const existing = await prisma.connection.findFirst({ where: { kind: input.kind, displayName: input.displayName }, select: { id: true } });
  const data = {
    kind: input.kind,
    displayName: input.displayName,
    baseUrl: input.baseUrl,
    config: input.config as object,
    secretRef: input.secretRef,
  };
  if (existing) {
    await prisma.connection.update({ where: { id: existing.id }, data });
    return { id: existing.id, created: false };
  }
  const created = await prisma.connection.create({ data: { ...data, createdBy: input.createdBy }, select: { id: true } });
  return { id: created.id, created: true };
}

export interface ConnectionSummary {
  id: string;
  kind: ConnectionKind;
  displayName: string;
  baseUrl: string;
  config: unknown;
  /** Where the secret lives (a reference, never the value). */
  secretRef: string | null;
  status: string;
  enabled: boolean;
  lastTestedAt: Date | null;
  lastTestResult: unknown;
  createdBy: string | null;
  createdAt: Date;
}

/** Every connection, for admins. */
export async function listConnections(): Promise<ConnectionSummary[]> {
  return database().prisma.connection.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, displayName: true, baseUrl: true, config: true, secretRef: true, status: true, enabled: true, lastTestedAt: true, lastTestResult: true, createdBy: true, createdAt: true },
  });
}

/** Removes a connection; its synced data stays (findings keep history) with the link cleared. */
export async function deleteConnection(id: string): Promise<{ displayName: string; kind: ConnectionKind } | null> {
  const { prisma } = database();
  const existing = await prisma.connection.findUnique({ where: { id }, select: { displayName: true, kind: true } });
  if (!existing) return null;
  await prisma.connection.delete({ where: { id } });
  return existing;
}

/** Stores the outcome of "Test connection" and moves the status accordingly. */
export async function recordConnectionTest(id: string, result: { ok: boolean; testedAt: string }): Promise<void> {
  await database().prisma.connection.update({
    where: { id },
    data: { lastTestedAt: new Date(result.testedAt), lastTestResult: result as object, status: result.ok ? "healthy" : "failing" },
  });
}
