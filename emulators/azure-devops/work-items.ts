// Azure Boards work items (dev.azure.com/{org}): POST {project}/_apis/wit/workitems/${type} with
// a JSON Patch body (application/json-patch+json), GET and PATCH _apis/wit/workitems/{id} (with
// or without the project), GET _apis/wit/workitems?ids=, work-item comments
// (7.1-preview.4), and the wit area's resource locations for azure-devops-node-api.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import type { AdoOrg, AdoProject } from "../world/azure-devops";
import { orgOf, requireApiVersion, type ResourceVersions } from "./api-version";
import { identityOf } from "./auth";
import { VssError, badRequest } from "./errors";
import { projectOf } from "./inventory";
import { WORK_ITEM_TYPES, applyPatch, orgWorkItems, patchDocument, workItemNotFound, type StoredWorkItem } from "./work-item-model";

const WORK_ITEMS: ResourceVersions = { released: 7.1, resourceVersion: 3 };
const COMMENTS: ResourceVersions = { released: null, resourceVersion: 4 };
const JSON_PATCH = "application/json-patch+json";

/** The wit area's locations as the service lists them (route templates node-api fills in). */
const WIT_LOCATIONS = [
  { id: "72c7ddf8-2cdc-4f60-90cd-ab71c14a399b", area: "wit", resourceName: "workItems", routeTemplate: "{project}/_apis/{area}/{resource}/{id}", resourceVersion: 3, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
  { id: "62d3d110-0047-428c-ad3c-4fe872c91c74", area: "wit", resourceName: "workItems", routeTemplate: "{project}/_apis/{area}/{resource}/${type}", resourceVersion: 3, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
  { id: "608aac0a-32e1-4493-a863-b9cf4566d257", area: "wit", resourceName: "comments", routeTemplate: "{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}", resourceVersion: 4, minVersion: "5.0", maxVersion: "7.2", releasedVersion: "0.0" },
];

type Params = { organization: string; project?: string; type?: string; id?: string };
type Query = Record<string, string | undefined>;
type WitRequest = FastifyRequest<{ Params: Params; Querystring: Query; Body: unknown }>;

/** Both spellings the service accepts: its routes are case-insensitive, Fastify's are not. */
function bothCasings(path: string): string[] {
  return [path, path.replace("workitems", "workItems")];
}

function identityRef(ctx: EmulatorContext, request: FastifyRequest): Record<string, unknown> {
  const who = identityOf(request)?.id ?? "unknown";
  const id = Rng.of(ctx.world.seed, "ado-identity", who).uuid();
  return { displayName: who, id, uniqueName: who.includes("@") ? who : `${who}@${ctx.world.entra.tenantId}`, descriptor: `aad.${Buffer.from(id).toString("base64url")}` };
}

function projectUrl(ctx: EmulatorContext, org: AdoOrg, project: AdoProject): string {
  return `${ctx.urls.azureDevOps}/${org.name}/${project.id}`;
}

function workItemShape(ctx: EmulatorContext, org: AdoOrg, item: StoredWorkItem, withRelations: boolean): Record<string, unknown> {
  const base = projectUrl(ctx, org, item.project);
  const url = `${base}/_apis/wit/workItems/${item.id}`;
  return {
    id: item.id,
    rev: item.rev,
    fields: item.fields,
    ...(withRelations && item.relations.length > 0 ? { relations: item.relations } : {}),
    _links: {
      self: { href: url },
      workItemUpdates: { href: `${url}/updates` },
      workItemRevisions: { href: `${url}/revisions` },
      workItemComments: { href: `${url}/comments` },
      html: { href: `${base}/_workitems/edit/${item.id}` },
      workItemType: { href: `${base}/_apis/wit/workItemTypes/${encodeURIComponent(String(item.fields["System.WorkItemType"]))}` },
      fields: { href: `${base}/_apis/wit/fields` },
    },
    url,
  };
}

function commentShape(ctx: EmulatorContext, org: AdoOrg, item: StoredWorkItem, comment: StoredWorkItem["comments"][number], by: Record<string, unknown>): Record<string, unknown> {
  const date = new Date(comment.at).toISOString();
  return {
    workItemId: item.id,
    id: comment.id,
    version: 1,
    text: comment.text,
    createdBy: by,
    createdDate: date,
    modifiedBy: by,
    modifiedDate: date,
    url: `${projectUrl(ctx, org, item.project)}/_apis/wit/workItems/${item.id}/comments/${comment.id}`,
  };
}

function requireJsonPatch(request: FastifyRequest): void {
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== JSON_PATCH) {
    throw new VssError(415, "VssRequestContentTypeNotSupportedException", `The request indicated a Content-Type of "${type}" for method type "${request.method}" which is not supported. Valid content types for this method are: ${JSON_PATCH}.`);
  }
}

function itemOf(ctx: EmulatorContext, org: AdoOrg, request: WitRequest, id: string | undefined): StoredWorkItem {
  const item = orgWorkItems(ctx, org).items.get(Number(id));
  // A project in the path scopes the lookup: another project's item is not found there.
  if (!item || (request.params.project !== undefined && item.project !== projectOf(org, request.params.project))) throw workItemNotFound(id ?? "");
  return item;
}

/** $expand by name or WorkItemExpand number (Relations = 1, All = 4). */
function wantsRelations(query: Query): boolean {
  const expand = (query.$expand ?? query.expand ?? "").toLowerCase();
  return ["relations", "all", "1", "4"].includes(expand);
}

/** Adds a discussion comment (System.History writes one too, as on the service). */
function comment(ctx: EmulatorContext, org: AdoOrg, item: StoredWorkItem, text: string, by: string) {
  const store = orgWorkItems(ctx, org);
  const added = { id: store.nextCommentId++, text, by, at: ctx.world.clock() };
  item.comments.push(added);
  item.fields["System.CommentCount"] = item.comments.length;
  return added;
}

function createItem(ctx: EmulatorContext, request: WitRequest): Record<string, unknown> {
  requireApiVersion(request, WORK_ITEMS);
  requireJsonPatch(request);
  const org = orgOf(ctx, request.params.organization);
  const project = projectOf(org, request.params.project ?? "");
  const typeName = decodeURIComponent(request.params.type ?? "").replace(/^\$/, "");
  const type = Object.keys(WORK_ITEM_TYPES).find((t) => t.toLowerCase() === typeName.toLowerCase());
  if (!type) throw new VssError(404, "WorkItemTypeNotFoundException", `VS402323: Work item type ${typeName} does not exist in project ${project.name} or you do not have permission to access it.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
  const store = orgWorkItems(ctx, org);
  const now = new Date(ctx.world.clock()).toISOString();
  const by = identityRef(ctx, request);
  const draft: StoredWorkItem = {
    id: store.items.size + 1,
    rev: 1,
    orgName: org.name,
    project,
    relations: [],
    comments: [],
    fields: {
      "System.AreaPath": project.name,
      "System.TeamProject": project.name,
      "System.IterationPath": project.name,
      "System.WorkItemType": type,
      "System.State": WORK_ITEM_TYPES[type]![0],
      "System.Reason": "New",
      "System.CreatedDate": now,
      "System.CreatedBy": by,
      "System.ChangedDate": now,
      "System.ChangedBy": by,
      "System.CommentCount": 0,
      "Microsoft.VSTS.Common.Priority": 2,
    },
  };
  const { fields, relations, history } = applyPatch(draft, patchDocument(request.body), true);
  const item = { ...draft, fields, relations };
  if (request.query.validateOnly !== "true") {
    store.items.set(item.id, item);
    if (history) comment(ctx, org, item, history, String(by.displayName));
  }
  return workItemShape(ctx, org, item, true);
}

function updateItem(ctx: EmulatorContext, request: WitRequest): Record<string, unknown> {
  requireApiVersion(request, WORK_ITEMS);
  requireJsonPatch(request);
  const org = orgOf(ctx, request.params.organization);
  const item = itemOf(ctx, org, request, request.params.id);
  const { fields, relations, history } = applyPatch(item, patchDocument(request.body), false);
  if (request.query.validateOnly === "true") return workItemShape(ctx, org, { ...item, fields, relations }, true);
  const by = identityRef(ctx, request);
  Object.assign(item, { fields: { ...fields, "System.ChangedDate": new Date(ctx.world.clock()).toISOString(), "System.ChangedBy": by }, relations, rev: item.rev + 1 });
  if (history) comment(ctx, org, item, history, String(by.displayName));
  return workItemShape(ctx, org, item, true);
}

function listItems(ctx: EmulatorContext, request: WitRequest): Record<string, unknown> {
  requireApiVersion(request, WORK_ITEMS);
  const org = orgOf(ctx, request.params.organization);
  const ids = (request.query.ids ?? "").split(",").filter(Boolean).map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0)) throw badRequest("The ids parameter must be a comma-separated list of work item ids.");
  if (ids.length > 200) throw badRequest("VS402337: The number of work items requested exceeds the limit of 200.");
  // WorkItemErrorPolicy by name or number (Omit = 2), as .NET binds enums.
  const omit = ["omit", "2"].includes((request.query.errorPolicy ?? "").toLowerCase());
  const value = ids.map((id) => {
    const item = orgWorkItems(ctx, org).items.get(id);
    if (item && (request.params.project === undefined || item.project === projectOf(org, request.params.project))) return workItemShape(ctx, org, item, wantsRelations(request.query));
    if (omit) return null;
    throw workItemNotFound(id);
  });
  return { count: value.length, value };
}

export function registerWorkItems(app: FastifyInstance, ctx: EmulatorContext): void {
  if (!app.hasContentTypeParser(JSON_PATCH)) {
    app.addContentTypeParser(JSON_PATCH, { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)) as unknown);
      } catch {
        done(badRequest("You must pass a valid patch document in the body of the request."), undefined);
      }
    });
  }
  // A static segment outranks locations.ts's /:organization/_apis/:area, so wit's table lives here.
  app.options<{ Params: Params }>("/:organization/_apis/wit", async (request) => {
    orgOf(ctx, request.params.organization);
    return { count: WIT_LOCATIONS.length, value: WIT_LOCATIONS };
  });

  for (const url of bothCasings("/:organization/:project/_apis/wit/workitems/:type")) {
    app.post<{ Params: Params; Querystring: Query }>(url, async (request) => createItem(ctx, request as WitRequest));
  }
  for (const prefix of ["/:organization", "/:organization/:project"]) {
    for (const url of bothCasings(`${prefix}/_apis/wit/workitems`)) {
      app.get<{ Params: Params; Querystring: Query }>(url, async (request) => listItems(ctx, request as WitRequest));
    }
    for (const url of bothCasings(`${prefix}/_apis/wit/workitems/:id`)) {
      app.get<{ Params: Params; Querystring: Query }>(url, async (request) => {
        requireApiVersion(request, WORK_ITEMS);
        const org = orgOf(ctx, request.params.organization);
        return workItemShape(ctx, org, itemOf(ctx, org, request as WitRequest, request.params.id), wantsRelations(request.query));
      });
      app.patch<{ Params: Params; Querystring: Query }>(url, async (request) => updateItem(ctx, request as WitRequest));
    }
  }

  for (const url of bothCasings("/:organization/:project/_apis/wit/workitems/:id/comments")) {
    app.post<{ Params: Params; Querystring: Query; Body: { text?: unknown } }>(url, async (request, reply: FastifyReply) => {
      requireApiVersion(request, COMMENTS);
      const org = orgOf(ctx, request.params.organization);
      const item = itemOf(ctx, org, request as WitRequest, request.params.id);
      const text = request.body?.text;
      if (typeof text !== "string" || text.trim() === "") throw badRequest("The comment text cannot be empty.");
      const by = identityRef(ctx, request);
      const added = comment(ctx, org, item, text, String(by.displayName));
      return reply.code(200).send(commentShape(ctx, org, item, added, by));
    });
    app.get<{ Params: Params; Querystring: Query }>(url, async (request) => {
      requireApiVersion(request, COMMENTS);
      const org = orgOf(ctx, request.params.organization);
      const item = itemOf(ctx, org, request as WitRequest, request.params.id);
      const comments = item.comments.map((c) => commentShape(ctx, org, item, c, { displayName: c.by }));
      return { totalCount: comments.length, count: comments.length, comments };
    });
  }
}
