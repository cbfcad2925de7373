// What the finding page needs for triage: owner (assignee, else the owning team), linked work
// items, and sensible Azure Boards defaults for the finding's repository.
import { database } from "../db";
import { workItemsOfFindings } from "../workitems/links";
import { ownerOf } from "../workitems/ownership";

export async function findingTriage(findingId: string, repositoryId: string | null) {
  const [owners, links, repo] = await Promise.all([
    ownerOf([findingId]),
    workItemsOfFindings([findingId]),
    repositoryId ? database().prisma.repository.findUnique({ where: { id: repositoryId }, select: { source: true, projectName: true, organization: { select: { login: true } } } }) : null,
  ]);
  const owner = owners.get(findingId);
  return {
    assignee: owner?.person ?? null,
    ownerTeam: owner?.team ? `${owner.team.organizationLogin} / ${owner.team.name}` : null,
    workItems: links.map((l) => ({ id: l.id, system: l.system, externalId: l.externalId, url: l.url, state: l.state, open: l.open })),
    repositorySource: repo?.source ?? null,
    boardsDefaults: repo?.source === "azure_devops" && repo.projectName ? { organization: repo.organization.login, project: repo.projectName } : null,
  };
}
