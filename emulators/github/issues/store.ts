// Issues that clients open: unlike the generated world they are created by requests, so they
// live in a per-emulator store (numbers per repository, ids global, as on GitHub). Labels a
// new issue names are created on the fly, as GitHub does for callers with push access.
import type { EmulatorContext } from "../../core/context";

export interface StoredActor {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface StoredComment {
  id: number;
  body: string;
  author: StoredActor;
  createdAt: number;
  updatedAt: number;
}

export interface StoredIssue {
  id: number;
  number: number;
  repoFullName: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "duplicate" | "reopened" | null;
  labels: string[];
  assignees: string[];
  author: StoredActor;
  closedBy: StoredActor | null;
  comments: StoredComment[];
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
}

interface RepoIssues {
  issues: Map<number, StoredIssue>;
  labels: Map<string, StoredLabel>;
}

interface IssueStore {
  repos: Map<string, RepoIssues>;
  nextIssueId: number;
  nextCommentId: number;
  nextLabelId: number;
}

const stores = new WeakMap<EmulatorContext, IssueStore>();

function storeOf(ctx: EmulatorContext): IssueStore {
  let store = stores.get(ctx);
  if (!store) {
    // Id ranges far from the world's alert and repository ids, so they never collide.
    store = { repos: new Map(), nextIssueId: 3_000_000_001, nextCommentId: 2_100_000_001, nextLabelId: 7_000_000_001 };
    stores.set(ctx, store);
  }
  return store;
}

export function repoIssues(ctx: EmulatorContext, repoFullName: string): RepoIssues {
  const store = storeOf(ctx);
  const key = repoFullName.toLowerCase();
  let repo = store.repos.get(key);
  if (!repo) {
    repo = { issues: new Map(), labels: new Map() };
    store.repos.set(key, repo);
  }
  return repo;
}

/** A stable colour per label name (GitHub picks one at random; determinism keeps tests simple). */
function colourOf(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return (hash & 0xffffff).toString(16).padStart(6, "0");
}

/** The repository's label `name` (case-insensitive), created when missing. */
export function ensureLabel(ctx: EmulatorContext, repoFullName: string, name: string): StoredLabel {
  const repo = repoIssues(ctx, repoFullName);
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  const label = { id: storeOf(ctx).nextLabelId++, name, color: colourOf(name) };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

export function openIssue(ctx: EmulatorContext, repoFullName: string, fields: Pick<StoredIssue, "title" | "body" | "labels" | "assignees" | "author">): StoredIssue {
  const store = storeOf(ctx);
  const repo = repoIssues(ctx, repoFullName);
  const now = ctx.world.clock();
  const issue: StoredIssue = {
    ...fields,
    labels: fields.labels.map((name) => ensureLabel(ctx, repoFullName, name).name),
    id: store.nextIssueId++,
    number: repo.issues.size + 1,
    repoFullName,
    state: "open",
    stateReason: null,
    closedBy: null,
    comments: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  repo.issues.set(issue.number, issue);
  return issue;
}

export function addComment(ctx: EmulatorContext, issue: StoredIssue, body: string, author: StoredActor): StoredComment {
  const now = ctx.world.clock();
  const comment = { id: storeOf(ctx).nextCommentId++, body, author, createdAt: now, updatedAt: now };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return comment;
}
