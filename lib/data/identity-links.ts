// Hand-made mappings an admin adds or fixes: Entra user ↔ source login (when SAML does not say,
// or says wrong) and Entra group ↔ team. Source-derived links (SAML, SCIM, team sync) are the
// connectors' to write; admins add alongside them and remove only their own.
import { database } from "../db";
import { ValidationError } from "../http/errors";

export interface IdentityLinkRow {
  id: string;
  organization: string;
  login: string;
  entraUpn: string | null;
  entraObjectId: string | null;
  origin: string;
}

export async function listIdentityLinks(limit = 500): Promise<IdentityLinkRow[]> {
  const rows = await database().prisma.identityLink.findMany({
    orderBy: [{ origin: "asc" }, { login: "asc" }],
    take: limit,
    include: { organization: { select: { login: true } } },
  });
  return rows.map((r) => ({ id: r.id, organization: r.organization.login, login: r.login, entraUpn: r.entraUpn, entraObjectId: r.entraObjectId, origin: r.origin }));
}

export async function createAdminIdentityLink(input: { tenantId: string; organizationId: string; login: string; entraUpn?: string; entraObjectId?: string }): Promise<{ id: string }> {
  const { prisma } = database();
  const org = await prisma.organization.findFirst({ where: { id: input.organizationId, deletedAt: null }, select: { id: true, source: true } });
  if (!org) throw new ValidationError("No such organization.");
  const link = await prisma.identityLink.upsert({
    where: { organizationId_login_origin: { organizationId: org.id, login: input.login, origin: "admin" } },
    create: { tenantId: input.tenantId, organizationId: org.id, provider: org.source, login: input.login, origin: "admin", entraUpn: input.entraUpn?.toLowerCase() ?? null, entraObjectId: input.entraObjectId?.toLowerCase() ?? null },
    update: { tenantId: input.tenantId, entraUpn: input.entraUpn?.toLowerCase() ?? null, entraObjectId: input.entraObjectId?.toLowerCase() ?? null },
    select: { id: true },
  });
  return link;
}

/** Deletes an admin-made link; source-derived ones are refused (the next sync would bring them back). */
export async function deleteAdminIdentityLink(id: string): Promise<boolean> {
  const { count } = await database().prisma.identityLink.deleteMany({ where: { id, origin: "admin" } });
  return count > 0;
}

export async function createAdminGroupLink(input: { tenantId: string; entraGroupId: string; teamId: string }): Promise<{ id: string }> {
  const { prisma } = database();
  const team = await prisma.team.findFirst({ where: { id: input.teamId, deletedAt: null }, select: { id: true } });
  if (!team) throw new ValidationError("No such team.");
  return prisma.groupTeamLink.upsert({
    where: { entraGroupId_teamId: { entraGroupId: input.entraGroupId.toLowerCase(), teamId: team.id } },
    create: { tenantId: input.tenantId, entraGroupId: input.entraGroupId.toLowerCase(), teamId: team.id, origin: "admin" },
    update: {},
    select: { id: true },
  });
}

export async function deleteAdminGroupLink(id: string): Promise<boolean> {
  const { count } = await database().prisma.groupTeamLink.deleteMany({ where: { id, origin: "admin" } });
  return count > 0;
}
