// Risk acceptances: a decision to live with a finding, a rule in a repository, or a failing
// control in a repository until a date. Created active by someone allowed to accept risk (they
// are the approver of record); revoked by the same permission; the scoring job marks expired
// ones and they count as open again. Nothing is deleted: acceptances are reported, never hidden.
import { z } from "zod";
import { database } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";
import { can, type Viewer } from "../auth/policy";

const MAX_DAYS = 365;

export const RiskAcceptanceInput = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("finding"), findingIds: z.array(z.string().regex(/^\d{1,19}$/)).min(1).max(500), reason: z.string().trim().min(10).max(2000), expiresAt: z.coerce.date() }),
  z.object({ scope: z.literal("rule"), repositoryId: z.string().uuid(), ruleId: z.string().min(1).max(200), reason: z.string().trim().min(10).max(2000), expiresAt: z.coerce.date() }),
  z.object({ scope: z.literal("control"), repositoryId: z.string().uuid(), controlId: z.string().min(1).max(100), reason: z.string().trim().min(10).max(2000), expiresAt: z.coerce.date() }),
]);
export type RiskAcceptanceInput = z.infer<typeof RiskAcceptanceInput>;

function checkExpiry(expiresAt: Date, now: Date): void {
  if (expiresAt <= now) throw new ValidationError("The expiry must be in the future.");
  if (expiresAt.getTime() - now.getTime() > MAX_DAYS * 86_400_000) throw new ValidationError(`Risk can be accepted for at most ${MAX_DAYS} days.`);
}

/** Creates the acceptance(s); every target must exist and be visible to the viewer. Returns the ids. */
export async function acceptRisk(viewer: Viewer, input: RiskAcceptanceInput, now = new Date()): Promise<string[]> {
  checkExpiry(input.expiresAt, now);
  const { prisma } = database();
  const who = viewer.upn ?? viewer.objectId;
  const common = { reason: input.reason, status: "active" as const, requestedBy: who, approvedBy: who, approvedAt: now, expiresAt: input.expiresAt };
  if (input.scope === "finding") {
    const findings = await prisma.finding.findMany({ where: { id: { in: input.findingIds.map(BigInt) } }, select: { id: true, repositoryId: true } });
    if (findings.length !== new Set(input.findingIds).size) throw new NotFoundError("One or more findings do not exist.");
    for (const f of findings) if (!(await can(viewer, "risk.accept", { repositoryId: f.repositoryId }))) throw new NotFoundError("One or more findings do not exist.");
    const created = await prisma.$transaction(findings.map((f) => prisma.riskAcceptance.create({ data: { ...common, scope: "finding", findingId: f.id, repositoryId: f.repositoryId }, select: { id: true } })));
    return created.map((c) => c.id);
  }
  const repo = await prisma.repository.findFirst({ where: { id: input.repositoryId, deletedAt: null }, select: { id: true } });
  if (!repo || !(await can(viewer, "risk.accept", { repositoryId: repo.id }))) throw new NotFoundError("No such repository.");
  const created = await prisma.riskAcceptance.create({
    data: { ...common, scope: input.scope, repositoryId: repo.id, ruleId: input.scope === "rule" ? input.ruleId : null, controlId: input.scope === "control" ? input.controlId : null },
    select: { id: true },
  });
  return [created.id];
}

export async function revokeRiskAcceptance(viewer: Viewer, id: string, now = new Date()): Promise<void> {
  const { prisma } = database();
  const row = await prisma.riskAcceptance.findUnique({ where: { id }, select: { repositoryId: true, status: true } });
  if (!row || !(await can(viewer, "risk.accept", { repositoryId: row.repositoryId }))) throw new NotFoundError("No such risk acceptance.");
  if (row.status !== "active" && row.status !== "pending") throw new ValidationError(`This acceptance is already ${row.status}.`);
  await prisma.riskAcceptance.update({ where: { id }, data: { status: "revoked", revokedBy: viewer.upn ?? viewer.objectId, revokedAt: now } });
}

export interface RiskAcceptanceRow {
  id: string;
  scope: string;
  status: string;
  reason: string;
  approvedBy: string | null;
  expiresAt: Date;
  ruleId: string | null;
  controlId: string | null;
}

/** Acceptances touching a finding (its own, or its rule in its repository), newest first. */
export async function riskAcceptancesForFinding(finding: { id: string; repositoryId: string | null; ruleId: string }): Promise<RiskAcceptanceRow[]> {
  const rows = await database().prisma.riskAcceptance.findMany({
    where: { OR: [{ findingId: BigInt(finding.id) }, ...(finding.repositoryId ? [{ scope: "rule" as const, repositoryId: finding.repositoryId, ruleId: finding.ruleId }] : [])] },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ id: r.id, scope: r.scope, status: r.status, reason: r.reason, approvedBy: r.approvedBy, expiresAt: r.expiresAt, ruleId: r.ruleId, controlId: r.controlId }));
}
