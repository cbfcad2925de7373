// Issues: POST /repos/{owner}/{repo}/issues, GET/PATCH /repos/{owner}/{repo}/issues/{n}, and
// GET/POST …/issues/{n}/comments. Writing takes the `issues: write` permission of an App
// installation (403 "Resource not accessible by integration" without it) or a user's token.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { GITHUB_APP_ID, GITHUB_APP_SLUG } from "../../core/credentials";
import { guard, type GitHubPrincipal } from "../auth";
import { GitHubError, notAccessibleByIntegration, notFound } from "../errors";
import { commentShape, issueShape } from "../issues/shapes";
import { addComment, openIssue, repoIssues, type StoredActor, type StoredIssue } from "../issues/store";
import { sendListPage } from "../pagination";
import { getRoute, readableRepo, visibleRepo, type GitHubRequest, type Params, type Query } from "../route";

const DOCS = {
  create: "https://docs.github.com/rest/issues/issues#create-an-issue",
  get: "https://docs.github.com/rest/issues/issues#get-an-issue",
  update: "https://docs.github.com/rest/issues/issues#update-an-issue",
  comments: "https://docs.github.com/rest/issues/comments#list-issue-comments",
  comment: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
};

const STATE_REASONS = ["completed", "not_planned", "duplicate", "reopened"] as const;

/** GitHub's 422 with `errors` as objects naming the resource, field and code. */
function invalidField(docs: string, field: string, code: "missing_field" | "invalid", resource = "Issue"): GitHubError {
  return new GitHubError(422, "Validation Failed", docs, { errors: [{ resource, code, field }] });
}

/** The installation token's grant for `issues` ("read" / "write"), or undefined. */
function issuesGrant(ctx: EmulatorContext, principal: GitHubPrincipal): string | undefined {
  if (principal.kind !== "installation") return undefined;
  const permissions = ctx.tokens.lookup(principal.token)?.data.permissions as Record<string, string> | undefined;
  return permissions?.issues;
}

/** Who acts: the app's bot for an installation token, the token's user otherwise. */
function actorOf(ctx: EmulatorContext, principal: GitHubPrincipal): StoredActor {
  if (principal.kind === "installation") return { login: `${GITHUB_APP_SLUG}[bot]`, id: 100_000_000 + GITHUB_APP_ID, type: "Bot" };
  if (principal.kind === "user") return { login: principal.login, id: principal.userId, type: "User" };
  throw new GitHubError(401, "Requires authentication");
}

/** The repository when the caller may write its issues; GitHub's refusal otherwise. */
function writableRepo(ctx: EmulatorContext, principal: GitHubPrincipal, params: Params, docs: string) {
  const ref = readableRepo(ctx, principal, params, docs);
  if (principal.kind === "installation" && issuesGrant(ctx, principal) !== "write") throw notAccessibleByIntegration(docs);
  return ref;
}

/** The repository when the caller may read its issues (public ones need no grant). */
function issuesReadableRepo(ctx: EmulatorContext, principal: GitHubPrincipal, params: Params, docs: string) {
  const ref = visibleRepo(ctx, principal, params, docs);
  if (ref.repo.visibility !== "public" && principal.kind === "installation" && !issuesGrant(ctx, principal)) throw notAccessibleByIntegration(docs);
  return ref;
}

function issueOf(ctx: EmulatorContext, repoFullName: string, params: Params, docs: string): StoredIssue {
  const issue = repoIssues(ctx, repoFullName).issues.get(Number(params.issue_number));
  if (!issue) throw notFound(docs);
  return issue;
}

function stringList(value: unknown, field: string, docs: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidField(docs, field, "invalid");
  return value.map((item) => {
    const name = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : item;
    if (typeof name !== "string" || name.trim() === "") throw invalidField(docs, field, "invalid");
    return name.trim();
  });
}

type Body = Record<string, unknown> | undefined;
type WriteRequest = GitHubRequest & { body: Body };

function bodyObject(body: Body, docs: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new GitHubError(400, "Problems parsing JSON", docs);
  return body;
}

/** Registers a POST/PATCH route behind `guard` (token callers only). */
function writeRoute(app: FastifyInstance, ctx: EmulatorContext, method: "POST" | "PATCH", url: string, docs: string, handler: (request: WriteRequest, reply: FastifyReply, principal: GitHubPrincipal) => unknown): void {
  app.route<{ Params: Params; Querystring: Query; Body: Body }>({
    method,
    url,
    handler: async (request, reply) => {
      const principal = guard(ctx, request, reply, { auth: "token", docs });
      if (!principal) return reply;
      return handler(request as WriteRequest, reply, principal);
    },
  });
}

function applyUpdate(ctx: EmulatorContext, issue: StoredIssue, body: Record<string, unknown>, principal: GitHubPrincipal): void {
  if (body.title !== undefined) {
    if ((typeof body.title !== "string" && typeof body.title !== "number") || String(body.title).trim() === "") throw invalidField(DOCS.update, "title", "invalid");
    issue.title = String(body.title);
  }
  if (body.body !== undefined) {
    if (body.body !== null && typeof body.body !== "string") throw invalidField(DOCS.update, "body", "invalid");
    issue.body = body.body;
  }
  if (body.labels !== undefined) issue.labels = stringList(body.labels, "labels", DOCS.update);
  if (body.assignees !== undefined) issue.assignees = stringList(body.assignees, "assignees", DOCS.update);
  const reason = body.state_reason;
  if (reason !== undefined && reason !== null && !STATE_REASONS.includes(reason as (typeof STATE_REASONS)[number])) throw invalidField(DOCS.update, "state_reason", "invalid");
  if (body.state !== undefined) {
    if (body.state !== "open" && body.state !== "closed") throw invalidField(DOCS.update, "state", "invalid");
    const now = ctx.world.clock();
    // state_reason is ignored unless the state changes, as GitHub documents.
    if (body.state === "closed" && issue.state === "open") {
      Object.assign(issue, { state: "closed", closedAt: now, closedBy: actorOf(ctx, principal), stateReason: (reason as StoredIssue["stateReason"]) ?? "completed" });
    } else if (body.state === "open" && issue.state === "closed") {
      Object.assign(issue, { state: "open", closedAt: null, closedBy: null, stateReason: "reopened" });
    }
  }
  issue.updatedAt = ctx.world.clock();
}

export function registerIssueRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  writeRoute(app, ctx, "POST", "/repos/:owner/:repo/issues", DOCS.create, (request, reply, principal) => {
    const { repo } = writableRepo(ctx, principal, request.params, DOCS.create);
    const body = bodyObject(request.body, DOCS.create);
    const title = body.title;
    if (title === undefined || title === null || String(title).trim() === "") throw invalidField(DOCS.create, "title", "missing_field");
    if (typeof title !== "string" && typeof title !== "number") throw invalidField(DOCS.create, "title", "invalid");
    if (body.body !== undefined && body.body !== null && typeof body.body !== "string") throw invalidField(DOCS.create, "body", "invalid");
    const assignees = [...stringList(body.assignees, "assignees", DOCS.create), ...(typeof body.assignee === "string" ? [body.assignee] : [])];
    const issue = openIssue(ctx, repo.fullName, {
      title: String(title),
      body: typeof body.body === "string" ? body.body : null,
      labels: stringList(body.labels, "labels", DOCS.create),
      assignees: [...new Set(assignees)],
      author: actorOf(ctx, principal),
    });
    const shaped = issueShape(ctx, issue);
    return reply.code(201).header("location", shaped.url).send(shaped);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/issues/:issue_number", { auth: "public", docs: DOCS.get }, (request, _reply, principal) => {
    const { repo } = issuesReadableRepo(ctx, principal, request.params, DOCS.get);
    return issueShape(ctx, issueOf(ctx, repo.fullName, request.params, DOCS.get));
  });

  writeRoute(app, ctx, "PATCH", "/repos/:owner/:repo/issues/:issue_number", DOCS.update, (request, _reply, principal) => {
    const { repo } = writableRepo(ctx, principal, request.params, DOCS.update);
    const issue = issueOf(ctx, repo.fullName, request.params, DOCS.update);
    applyUpdate(ctx, issue, bodyObject(request.body, DOCS.update), principal);
    return issueShape(ctx, issue);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/issues/:issue_number/comments", { auth: "public", docs: DOCS.comments }, (request, reply, principal) => {
    const { repo } = issuesReadableRepo(ctx, principal, request.params, DOCS.comments);
    const issue = issueOf(ctx, repo.fullName, request.params, DOCS.comments);
    return sendListPage(ctx, request, reply, issue.comments, (comment) => commentShape(ctx, issue, comment));
  });

  writeRoute(app, ctx, "POST", "/repos/:owner/:repo/issues/:issue_number/comments", DOCS.comment, (request, reply, principal) => {
    const { repo } = writableRepo(ctx, principal, request.params, DOCS.comment);
    const issue = issueOf(ctx, repo.fullName, request.params, DOCS.comment);
    const body = bodyObject(request.body, DOCS.comment).body;
    if (typeof body !== "string" || body.trim() === "") throw invalidField(DOCS.comment, "body", "missing_field", "IssueComment");
    const comment = addComment(ctx, issue, body, actorOf(ctx, principal));
    const shaped = commentShape(ctx, issue, comment);
    return reply.code(201).header("location", shaped.url).send(shaped);
  });
}
