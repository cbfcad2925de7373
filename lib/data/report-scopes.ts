// The scopes a viewer can report on: everything (or "my repositories" for a developer), and —
// for those who see every repository — each organization and team; plus their repositories.
import { database } from "../db";
import type { Viewer } from "../auth/policy";
import { repositoryWhere } from "./viewer-scope";

export interface ScopeOption {
  value: string;
  label: string;
}

export async function reportScopeOptions(viewer: Viewer): Promise<{ groups: { label: string; options: ScopeOption[] }[] }> {
  const { prisma } = database();
  const scope = await viewer.repositoryScope();
  const repos = await prisma.repository.findMany({ where: await repositoryWhere(viewer), orderBy: { fullName: "asc" }, take: 500, select: { id: true, fullName: true } });
  const groups = [{ label: "Everything", options: [{ value: "enterprise", label: scope === "all" ? "All organizations" : "My repositories" }] }];
  if (scope === "all") {
    const [orgs, teams] = await Promise.all([
      prisma.organization.findMany({ where: { deletedAt: null }, orderBy: { login: "asc" }, select: { id: true, login: true } }),
      prisma.team.findMany({ where: { deletedAt: null }, orderBy: [{ organization: { login: "asc" } }, { name: "asc" }], take: 500, select: { id: true, name: true, organization: { select: { login: true } } } }),
    ]);
    groups.push({ label: "Organizations", options: orgs.map((o) => ({ value: `org:${o.id}`, label: o.login })) });
    groups.push({ label: "Teams", options: teams.map((t) => ({ value: `team:${t.id}`, label: `${t.organization.login} / ${t.name}` })) });
  }
  groups.push({ label: "Repositories", options: repos.map((r) => ({ value: `repo:${r.id}`, label: r.fullName })) });
  return { groups };
}
