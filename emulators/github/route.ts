// How a GitHub route is declared: what credential it takes and its documentation page (quoted in
// errors), then a handler that receives the authenticated caller. Also the org/repo lookups
// that decide, as GitHub does, between 404 and 403 "Resource not accessible by integration".
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { Organization, Repository } from "../world/github";
import { canReadOrg, guard, type GitHubPrincipal, type GuardOptions } from "./auth";
import { notAccessibleByIntegration, notFound } from "./errors";
import { ADMIN_PERMISSIONS, READ_PERMISSIONS, type RepoPermissions } from "./objects/repositories";

export type Query = Record<string, string | undefined>;
export type Params = Record<string, string>;
export type GitHubRequest = FastifyRequest<{ Params: Params; Querystring: Query }>;
export type Handler = (request: GitHubRequest, reply: FastifyReply, principal: GitHubPrincipal) => unknown;

/** Registers GET `urls` (aliases share one handler) behind `guard`. */
export function getRoute(app: FastifyInstance, ctx: EmulatorContext, urls: string | string[], options: GuardOptions, handler: Handler): void {
  for (const url of [urls].flat()) {
    app.get<{ Params: Params; Querystring: Query }>(url, async (request, reply) => {
      const principal = guard(ctx, request, reply, options);
      if (!principal) return reply;
      return handler(request, reply, principal);
    });
  }
}

export interface OrgRef {
  org: Organization;
  orgIndex: number;
}

/**
 * The org named by `:org` (login, case-insensitive) or `:org_id` (the numeric id GitHub uses in
 * the Link headers it emits, e.g. /organizations/100000/repos?page=2).
 */
export function orgOf(ctx: EmulatorContext, params: Params, docs: string): OrgRef {
  const orgs = ctx.world.github.orgs;
  const org = params.org_id !== undefined ? orgs.find((o) => String(o.id) === params.org_id) : ctx.world.org(params.org ?? "");
  if (!org) throw notFound(docs);
  return { org, orgIndex: org.index };
}

/** The org, when the caller may read its private data; else GitHub's refusal. */
export function readableOrg(ctx: EmulatorContext, principal: GitHubPrincipal, params: Params, docs: string): OrgRef {
  const ref = orgOf(ctx, params, docs);
  if (canReadOrg(ctx, principal, ref.orgIndex)) return ref;
  throw principal.kind === "installation" ? notAccessibleByIntegration(docs) : notFound(docs);
}

export interface RepoRef extends OrgRef {
  repo: Repository;
  repoIndex: number;
  /** Whether the caller sees private data of this repository (settings, alerts). */
  member: boolean;
}

/** `:owner/:repo` if the caller can see it: any public repo, private ones of readable orgs. */
export function visibleRepo(ctx: EmulatorContext, principal: GitHubPrincipal, params: Params, docs: string): RepoRef {
  const found = ctx.world.repo(params.owner ?? "", params.repo ?? "");
  if (!found) throw notFound(docs);
  const member = canReadOrg(ctx, principal, found.org.index);
  if (!member && found.repo.visibility !== "public") throw notFound(docs);
  return { ...found, orgIndex: found.org.index, member };
}

/** A repository whose private data the caller may read (else 404, or 403 for an app elsewhere). */
export function readableRepo(ctx: EmulatorContext, principal: GitHubPrincipal, params: Params, docs: string): RepoRef {
  const ref = visibleRepo(ctx, principal, params, docs);
  if (!ref.member) throw principal.kind === "installation" ? notAccessibleByIntegration(docs) : notFound(docs);
  return ref;
}

/** The caller's permissions on repositories of an org: the demo user administers every org. */
export function permissionsIn(ctx: EmulatorContext, principal: GitHubPrincipal, orgIndex: number): RepoPermissions {
  return principal.kind === "user" && canReadOrg(ctx, principal, orgIndex) ? ADMIN_PERMISSIONS : READ_PERMISSIONS;
}
