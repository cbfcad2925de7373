// The two places a work item can live, behind one small interface: GitHub issues in the
// finding's repository and Azure Boards work items in a project. `externalId` is unique per
// system (work_item_link's key): "owner/repo#number" and "organization/id".
import type { IWorkItemTrackingApi } from "azure-devops-node-api/WorkItemTrackingApi";
import type { GitHubOctokit } from "../sources/github/client";
import { toHtml, toMarkdown, type WorkItemContent } from "./describe";

export type WorkItemSystem = "github_issue" | "azure_boards";

export interface ExternalItem {
  externalId: string;
  url: string;
  /** The item's state as the system names it: open/closed, or Boards' System.State. */
  state: string;
}

export interface Tracker {
  create(content: WorkItemContent): Promise<ExternalItem>;
  /** The item as it is now, or null when it is gone. */
  read(externalId: string): Promise<ExternalItem | null>;
  commentAndClose(externalId: string, comment: string): Promise<ExternalItem>;
}

/** Boards states that mean the work is over; anything else is still open. */
const CLOSED_BOARDS_STATES = new Set(["closed", "removed", "done"]);

/** Whether a link's recorded state is an open one. */
export function isOpenState(system: WorkItemSystem, state: string): boolean {
  return system === "github_issue" ? state === "open" : !CLOSED_BOARDS_STATES.has(state.toLowerCase());
}

function parseIssueId(externalId: string): { owner: string; repo: string; number: number } {
  const match = /^([^/]+)\/([^#]+)#(\d+)$/.exec(externalId);
  if (!match) throw new Error(`Not a GitHub issue id: ${externalId}`);
  return { owner: match[1]!, repo: match[2]!, number: Number(match[3]) };
}

/** Issues in one repository ("owner/name"). */
export function githubIssueTracker(octokit: GitHubOctokit, repositoryFullName: string): Tracker {
  const [owner = "", repo = ""] = repositoryFullName.split("/");
  const item = (data: { number: number; html_url: string; state: string }): ExternalItem => ({ externalId: `${repositoryFullName}#${data.number}`, url: data.html_url, state: data.state });
  return {
    async create(content) {
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo, title: content.title, body: toMarkdown(content), labels: content.labels });
      return item(data);
    },
    async read(externalId) {
      const id = parseIssueId(externalId);
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: id.owner, repo: id.repo, issue_number: id.number });
        return item(data);
      } catch (error) {
        if ((error as { status?: number }).status === 404 || (error as { status?: number }).status === 410) return null;
        throw error;
      }
    },
    async commentAndClose(externalId, comment) {
      const id = parseIssueId(externalId);
      const ref = { owner: id.owner, repo: id.repo, issue_number: id.number };
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...ref, body: comment });
      const { data } = await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...ref, state: "closed", state_reason: "completed" });
      return item(data);
    },
  };
}

export interface BoardsPlacement {
  organization: string;
  project: string;
  areaPath?: string;
  /** Bug by default: what a security finding is in the Agile and Scrum processes. */
  workItemType?: string;
}

/** Work items in one Azure DevOps organization (created in `placement.project`). */
export function azureBoardsTracker(wit: IWorkItemTrackingApi, placement: BoardsPlacement): Tracker {
  const item = (data: { id?: number; fields?: Record<string, unknown>; _links?: { html?: { href?: string } } } | null): ExternalItem => {
    if (!data?.id) throw new Error("Azure Boards returned no work item");
    return { externalId: `${placement.organization}/${data.id}`, url: data._links?.html?.href ?? "", state: String(data.fields?.["System.State"] ?? "") };
  };
  const idOf = (externalId: string) => Number(externalId.slice(externalId.lastIndexOf("/") + 1));
  const setField = (name: string, value: unknown) => ({ op: "add", path: `/fields/${name}`, value });
  return {
    async create(content) {
      const type = placement.workItemType ?? "Bug";
      const html = toHtml(content);
      const document = [
        setField("System.Title", content.title),
        // Bugs show Repro Steps on their form; other types show Description.
        setField(type === "Bug" ? "Microsoft.VSTS.TCM.ReproSteps" : "System.Description", html),
        setField("System.Tags", content.labels.join("; ")),
        ...(placement.areaPath ? [setField("System.AreaPath", placement.areaPath)] : []),
        ...(/^https?:\/\//.test(content.rampartUrl) ? [{ op: "add", path: "/relations/-", value: { rel: "Hyperlink", url: content.rampartUrl, attributes: { comment: "Rampart" } } }] : []),
      ];
      return item(await wit.createWorkItem(null, document as never, placement.project, type));
    },
    async read(externalId) {
      // The library answers a 404 with null: the item was deleted.
      const data = await wit.getWorkItem(idOf(externalId));
      return data ? item(data) : null;
    },
    async commentAndClose(externalId, comment) {
      const id = idOf(externalId);
      const current = await wit.getWorkItem(id);
      if (!current) throw new Error(`Work item ${externalId} no longer exists`);
      await wit.addComment({ text: comment }, String(current.fields?.["System.TeamProject"] ?? placement.project), id);
      return item(await wit.updateWorkItem(null, [setField("System.State", "Closed")] as never, id));
    },
  };
}
