// Repositories: GET /orgs/{org}/repos (type, sort, direction, page), GET /repos/{owner}/{repo}
// and the one file Rampart reads, .github/CODEOWNERS (base64, as the contents API returns it).
import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import type { Organization, Repository } from "../../world/github";
import { canReadOrg } from "../auth";
import { GitHubError, notFound } from "../errors";
import { fullRepository, minimalRepository } from "../objects/repositories";
import { apiBase, webBase } from "../objects/urls";
import { sendListPage } from "../pagination";
import { getRoute, orgOf, permissionsIn, visibleRepo, type Query } from "../route";
import type { Schema } from "../schema-types";

const DOCS = {
  list: "https://docs.github.com/rest/repos/repos#list-organization-repositories",
  get: "https://docs.github.com/rest/repos/repos#get-a-repository",
  contents: "https://docs.github.com/rest/repos/contents#get-repository-content",
};

const TYPES = ["all", "public", "private", "forks", "sources", "member"];
const SORTS = ["created", "updated", "pushed", "full_name"];

function invalidParam(field: string, value: string): GitHubError {
  return new GitHubError(422, "Validation Failed", DOCS.list, { errors: [{ resource: "Repository", field, value, code: "invalid" }] });
}

/** The org's repositories in the order and selection GitHub's list parameters ask for. */
function listed(org: Organization, query: Query, memberOfOrg: boolean): Repository[] {
  const type = query.type ?? "all";
  const sort = query.sort ?? "created";
  if (!TYPES.includes(type)) throw invalidParam("type", type);
  if (!SORTS.includes(sort)) throw invalidParam("sort", sort);
  // GitHub's default direction is asc for full_name and desc otherwise.
  const direction = query.direction ?? (sort === "full_name" ? "asc" : "desc");
  if (direction !== "asc" && direction !== "desc") throw invalidParam("direction", direction);
  const repos = org.repos.filter((r) => {
    if (!memberOfOrg && r.visibility !== "public") return false;
    if (type === "public") return r.visibility === "public";
    if (type === "private") return r.visibility !== "public";
    if (type === "forks") return r.fork;
    if (type === "sources") return !r.fork;
    return true;
  });
  const key = (r: Repository): number | string =>
    sort === "full_name" ? r.fullName.toLowerCase() : sort === "updated" ? r.updatedAt : sort === "pushed" ? r.pushedAt : r.createdAt;
  const sign = direction === "asc" ? 1 : -1;
  return repos.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
  });
}

/** CODEOWNERS naming the teams that write to the repository, security reviewing workflows. */
export function codeownersText(org: Organization, repoIndex: number): string {
  const writers = org.teams.filter((t) => t.repos.some((p) => p.repoIndex === repoIndex && ["admin", "maintain", "push"].includes(p.permission)));
  const owners = writers.map((t) => `@${org.login}/${t.slug}`).join(" ") || `@${org.login}/${org.teams[0]?.slug ?? "owners"}`;
  const security = org.teams.find((t) => t.slug.includes("security"));
  return [
    "# Code owners are requested for review on pull requests that touch their paths.",
    `* ${owners}`,
    `/.github/workflows/ ${security ? `@${org.login}/${security.slug}` : owners}`,
    "",
  ].join("\n");
}

/** GitHub's blob sha: sha1 of "blob <size>\0<content>". */
export function gitBlobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

function contentFile(ctx: EmulatorContext, repo: Repository, path: string, text: string): Schema<"content-file"> {
  const content = Buffer.from(text, "utf8");
  const sha = gitBlobSha(content);
  const url = `${apiBase(ctx)}/repos/${repo.fullName}/contents/${path}?ref=${repo.defaultBranch}`;
  const gitUrl = `${apiBase(ctx)}/repos/${repo.fullName}/git/blobs/${sha}`;
  const htmlUrl = `${webBase(ctx)}/${repo.fullName}/blob/${repo.defaultBranch}/${path}`;
  // GitHub wraps the base64 at 60 characters per line.
  const base64 = content.toString("base64").replace(/(.{60})/g, "$1\n");
  return {
    type: "file",
    encoding: "base64",
    size: content.length,
    name: path.split("/").pop()!,
    path,
    content: base64.endsWith("\n") ? base64 : `${base64}\n`,
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: `${webBase(ctx)}/${repo.fullName}/raw/${repo.defaultBranch}/${path}`,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

export function registerRepoRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  getRoute(app, ctx, ["/orgs/:org/repos", "/organizations/:org_id/repos"], { auth: "public", docs: DOCS.list }, (request, reply, principal) => {
    const { org, orgIndex } = orgOf(ctx, request.params, DOCS.list);
    const permissions = permissionsIn(ctx, principal, orgIndex);
    const repos = listed(org, request.query, canReadOrg(ctx, principal, orgIndex));
    return sendListPage(ctx, request, reply, repos, (repo) => minimalRepository(ctx, org, repo, permissions), `/organizations/${org.id}/repos`);
  });

  getRoute(app, ctx, ["/repos/:owner/:repo", "/repositories/:repository_id"], { auth: "public", docs: DOCS.get }, (request, _reply, principal) => {
    const params = { ...request.params };
    if (params.repository_id !== undefined) {
      const repo = ctx.world.github.orgs.flatMap((o) => o.repos).find((r) => String(r.id) === params.repository_id);
      if (!repo) throw notFound(DOCS.get);
      Object.assign(params, { owner: repo.orgLogin, repo: repo.name });
    }
    const { org, repo, orgIndex, member } = visibleRepo(ctx, principal, params, DOCS.get);
    const full = fullRepository(ctx, org, repo, permissionsIn(ctx, principal, orgIndex));
    // security_and_analysis is shown only to those who may administer or read its settings.
    if (!member) delete full.security_and_analysis;
    return full;
  });

  getRoute(app, ctx, "/repos/:owner/:repo/contents/*", { auth: "public", docs: DOCS.contents }, (request, _reply, principal) => {
    const { org, repo, repoIndex } = visibleRepo(ctx, principal, request.params, DOCS.contents);
    const path = (request.params["*"] ?? "").replace(/^\/+|\/+$/g, "");
    const ref = request.query.ref;
    if (ref !== undefined && ref !== repo.defaultBranch && ref !== `refs/heads/${repo.defaultBranch}`) {
      throw new GitHubError(404, `No commit found for the ref ${ref}`, DOCS.contents);
    }
    if (path !== ".github/CODEOWNERS" || !repo.hasCodeowners) throw notFound(DOCS.contents);
    return contentFile(ctx, repo, path, codeownersText(org, repoIndex));
  });
}
