// Azure Boards work items as the Agile process defines them: the types Rampart files (Bug, Task,
// User Story, Issue), each with its states, and the JSON Patch documents that create and update
// them. Items are made by requests, so they live in a per-emulator store, ids counting up per
// organization as the service's do.
import type { EmulatorContext } from "../core/context";
import type { AdoOrg, AdoProject } from "../world/azure-devops";
import { VssError, badRequest } from "./errors";

/** States per type (Agile process), the first being the state a new item takes. */
export const WORK_ITEM_TYPES: Record<string, string[]> = {
  Bug: ["New", "Active", "Resolved", "Closed"],
  Task: ["New", "Active", "Closed", "Removed"],
  "User Story": ["New", "Active", "Resolved", "Closed", "Removed"],
  Issue: ["Active", "Closed"],
};

/** The reason the service records when a transition gives none. */
const DEFAULT_REASONS: Record<string, string> = { New: "New", Active: "Activated", Resolved: "Fixed", Closed: "Verified", Removed: "Removed from the backlog" };

/** Fields a client may write (others are read-only or unknown to the Agile process). */
const WRITABLE_FIELDS = new Set([
  "System.Title",
  "System.Description",
  "System.State",
  "System.Reason",
  "System.AreaPath",
  "System.IterationPath",
  "System.Tags",
  "System.AssignedTo",
  "System.History",
  "Microsoft.VSTS.TCM.ReproSteps",
  "Microsoft.VSTS.Common.Priority",
  "Microsoft.VSTS.Common.Severity",
  "Microsoft.VSTS.Common.AcceptanceCriteria",
]);

export interface WorkItemRelation {
  rel: string;
  url: string;
  attributes: Record<string, unknown>;
}

export interface StoredWorkItemComment {
  id: number;
  text: string;
  by: string;
  at: number;
}

export interface StoredWorkItem {
  id: number;
  rev: number;
  orgName: string;
  project: AdoProject;
  fields: Record<string, unknown>;
  relations: WorkItemRelation[];
  comments: StoredWorkItemComment[];
}

interface OrgWorkItems {
  items: Map<number, StoredWorkItem>;
  nextCommentId: number;
}

const stores = new WeakMap<EmulatorContext, Map<string, OrgWorkItems>>();

export function orgWorkItems(ctx: EmulatorContext, org: AdoOrg): OrgWorkItems {
  let byOrg = stores.get(ctx);
  if (!byOrg) stores.set(ctx, (byOrg = new Map()));
  let store = byOrg.get(org.id);
  if (!store) byOrg.set(org.id, (store = { items: new Map(), nextCommentId: 1 }));
  return store;
}

export function workItemNotFound(id: number | string): VssError {
  return new VssError(404, "WorkItemUnauthorizedAccessException", `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
}

function ruleError(field: string): VssError {
  return new VssError(400, "RuleValidationException", `TF401320: Rule Error for field ${field}. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
}

export interface PatchOperation {
  op: string;
  path: string;
  value?: unknown;
}

/**
 * The service deserializes `op` as .NET's Operation enum, so names and their numbers both work
 * (azure-devops-node-api sends the numbers of its TypeScript enum).
 */
const OPERATIONS = ["add", "remove", "replace", "move", "copy", "test"];

/** Parses a JSON Patch document: an array of { op, path, value }. */
export function patchDocument(body: unknown): PatchOperation[] {
  if (!Array.isArray(body) || body.length === 0) throw badRequest("You must pass a valid patch document in the body of the request.");
  return body.map((entry) => {
    const raw = (entry as { op?: unknown }).op;
    const path = (entry as { path?: unknown }).path;
    const op = typeof raw === "number" ? OPERATIONS[raw] : typeof raw === "string" ? raw.toLowerCase() : undefined;
    if (op === undefined || !OPERATIONS.includes(op) || typeof path !== "string") throw badRequest("You must pass a valid patch document in the body of the request.");
    return { op, path, value: (entry as { value?: unknown }).value };
  });
}

/**
 * Applies `operations` to a copy of `item`'s fields and relations and validates the result;
 * returns what changed (the caller bumps the revision). `now` and `by` stamp the change.
 */
export function applyPatch(item: StoredWorkItem, operations: PatchOperation[], isNew: boolean): { fields: Record<string, unknown>; relations: WorkItemRelation[]; history: string | null } {
  const fields = { ...item.fields };
  const relations = [...item.relations];
  let history: string | null = null;
  for (const { op, path, value } of operations) {
    if (op === "test") {
      if (path === "/rev" && Number(value) !== item.rev) {
        throw new VssError(412, "WorkItemRevisionMismatchException", `TF26071: This work item has been changed by someone else since you opened it. You will need to refresh it and discard your changes.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
      }
      continue;
    }
    if (path.startsWith("/fields/")) {
      const name = path.slice("/fields/".length);
      if (!WRITABLE_FIELDS.has(name)) throw new VssError(400, "WorkItemFieldInvalidException", `TF51535: Cannot find field ${name}.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
      if (op === "remove") delete fields[name];
      else if (op === "add" || op === "replace") {
        if (name === "System.History") history = String(value ?? "");
        else fields[name] = value;
      } else throw badRequest(`The operation '${op}' is not supported on ${path}.`);
      continue;
    }
    if (path === "/relations/-" && op === "add") {
      const relation = value as Partial<WorkItemRelation> | undefined;
      if (!relation || typeof relation.rel !== "string" || typeof relation.url !== "string") throw badRequest("A relation needs 'rel' and 'url'.");
      relations.push({ rel: relation.rel, url: relation.url, attributes: relation.attributes ?? {} });
      continue;
    }
    throw badRequest(`The path '${path}' is not supported.`);
  }
  validate(item, fields, isNew);
  return { fields, relations, history };
}

function validate(item: StoredWorkItem, fields: Record<string, unknown>, isNew: boolean): void {
  const type = String(fields["System.WorkItemType"]);
  const states = WORK_ITEM_TYPES[type]!;
  if (typeof fields["System.Title"] !== "string" || fields["System.Title"].trim() === "") throw ruleError("Title");
  if (String(fields["System.Title"]).length > 255) throw ruleError("Title");
  const state = fields["System.State"] ?? states[0];
  if (typeof state !== "string" || !states.includes(state) || (isNew && state !== states[0])) throw ruleError("State");
  if (state !== item.fields["System.State"] && fields["System.Reason"] === item.fields["System.Reason"]) fields["System.Reason"] = DEFAULT_REASONS[state] ?? state;
  fields["System.State"] = state;
  for (const treeField of ["System.AreaPath", "System.IterationPath"]) {
    const value = fields[treeField];
    const root = item.project.name.toLowerCase();
    if (typeof value !== "string" || (value.toLowerCase() !== root && !value.toLowerCase().startsWith(`${root}\\`))) {
      throw new VssError(400, "WorkItemTrackingTreeNodeNotFoundException", `TF401347: Invalid tree name given for work item ${isNew ? -1 : item.id}, field '${treeField}'.`, {}, "Microsoft.TeamFoundation.WorkItemTracking.Server");
    }
  }
}
