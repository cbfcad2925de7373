// Issues, their comments and labels in GitHub's REST shapes (issue, issue-comment, label).
import type { EmulatorContext } from "../../core/context";
import { nodeId } from "../../world/github";
import { userShape } from "../objects/users";
import { apiBase, iso, isoOrNull, webBase } from "../objects/urls";
import type { Schema } from "../schema-types";
import { repoIssues, type StoredActor, type StoredComment, type StoredIssue } from "./store";

function actor(ctx: EmulatorContext, who: StoredActor): Schema<"simple-user"> {
  return userShape(ctx, who.login, who.id, who.type, nodeId(who.type, who.id));
}

export function labelShape(ctx: EmulatorContext, repoFullName: string, name: string): Schema<"label"> {
  const label = repoIssues(ctx, repoFullName).labels.get(name.toLowerCase())!;
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${apiBase(ctx)}/repos/${repoFullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: null,
    color: label.color,
    default: false,
  };
}

export function issueShape(ctx: EmulatorContext, issue: StoredIssue): Schema<"issue"> {
  const repoUrl = `${apiBase(ctx)}/repos/${issue.repoFullName}`;
  const url = `${repoUrl}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login, i) => actor(ctx, { login, id: 9_000_000 + i, type: "User" }));
  return {
    id: issue.id,
    node_id: nodeId("Issue", issue.id),
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${webBase(ctx)}/${issue.repoFullName}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: actor(ctx, issue.author),
    labels: issue.labels.map((name) => labelShape(ctx, issue.repoFullName, name)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: isoOrNull(issue.closedAt),
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_by: issue.closedBy ? actor(ctx, issue.closedBy) : null,
    timeline_url: `${url}/timeline`,
    author_association: issue.author.type === "Bot" ? "NONE" : "MEMBER",
  };
}

export function commentShape(ctx: EmulatorContext, issue: StoredIssue, comment: StoredComment): Schema<"issue-comment"> {
  const issueUrl = `${apiBase(ctx)}/repos/${issue.repoFullName}/issues/${issue.number}`;
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url: `${apiBase(ctx)}/repos/${issue.repoFullName}/issues/comments/${comment.id}`,
    body: comment.body,
    html_url: `${webBase(ctx)}/${issue.repoFullName}/issues/${issue.number}#issuecomment-${comment.id}`,
    user: actor(ctx, comment.author),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    issue_url: issueUrl,
    author_association: comment.author.type === "Bot" ? "NONE" : "MEMBER",
  };
}
