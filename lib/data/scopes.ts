// Organizations and teams by id, for their scorecard pages, with the repositories they hold.
import { database } from "../db";

export interface ScopeDetail {
  id: string;
  name: string;
  kind: "organization" | "team";
  repositoryIds: string[];
}

export async function getOrganization(id: string): Promise<ScopeDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const org = await database().prisma.organization.findFirst({ where: { id, deletedAt: null }, select: { id: true, login: true, repositories: { where: { deletedAt: null }, select: { id: true } } } });
  return org && { id: org.id, name: org.login, kind: "organization", repositoryIds: org.repositories.map((r) => r.id) };
}

export async function getTeam(id: string): Promise<ScopeDetail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const team = await database().prisma.team.findFirst({
    where: { id, deletedAt: null },
    select: { id: true, name: true, organization: { select: { login: true } }, repositories: { where: { repository: { deletedAt: null } }, select: { repositoryId: true } } },
  });
  return team && { id: team.id, name: `${team.organization.login} / ${team.name}`, kind: "team", repositoryIds: team.repositories.map((r) => r.repositoryId) };
}
