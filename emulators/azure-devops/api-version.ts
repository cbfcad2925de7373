// Azure DevOps api-version negotiation for one resource, from the query string or the Accept
// header: "<major>.<minor>[-preview[.<n>]]", at most the server's 7.2; preview-only resources
// (the audit log) demand the -preview flag, and a missing api-version on them is answered the
// same way.
import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context";
import type { AdoOrg } from "../world/azure-devops";
import { VssError, badRequest } from "./errors";

const LATEST = 7.2;

/** "7.1-preview.1" → { version: 7.1, preview: true, revision: 1 }; undefined when malformed. */
function parseVersion(text: string): { version: number; preview: boolean; revision: number | undefined } | undefined {
  const [number = "", suffix, ...rest] = text.split("-");
  if (rest.length > 0 || !/^\d+\.\d+$/.test(number)) return undefined;
  if (suffix === undefined) return { version: Number(number), preview: false, revision: undefined };
  if (suffix === "preview") return { version: Number(number), preview: true, revision: undefined };
  if (!/^preview\.\d+$/.test(suffix)) return undefined;
  return { version: Number(number), preview: true, revision: Number(suffix.slice("preview.".length)) };
}

export interface ResourceVersions {
  /** Latest version in which the resource is released (null: preview only). */
  released: number | null;
  /** Highest preview revision of the resource. */
  resourceVersion: number;
}

export const RESOURCES = {
  auditLog: { released: null, resourceVersion: 1 },
  auditActions: { released: null, resourceVersion: 1 },
  projects: { released: 7.1, resourceVersion: 4 },
  repositories: { released: 7.1, resourceVersion: 2 },
  resourceAreas: { released: null, resourceVersion: 1 },
  policyConfigurations: { released: 7.1, resourceVersion: 1 },
  buildDefinitions: { released: 7.1, resourceVersion: 3 },
  environments: { released: 7.1, resourceVersion: 1 },
  environmentDeploymentRecords: { released: 7.1, resourceVersion: 1 },
  checkConfigurations: { released: null, resourceVersion: 1 },
  accessControlLists: { released: 7.1, resourceVersion: 1 },
  graphGroups: { released: null, resourceVersion: 1 },
} satisfies Record<string, ResourceVersions>;

/** The api-version of the query string, else of the Accept header (how the .NET and Node clients send it). */
function requestedVersion(request: FastifyRequest): string | undefined {
  const fromQuery = (request.query as Record<string, string | undefined>)["api-version"];
  if (fromQuery) return fromQuery;
  return /(?:^|;)\s*api-version=([^;,\s]+)/i.exec(request.headers.accept ?? "")?.[1];
}

export function requireApiVersion(request: FastifyRequest, resource: ResourceVersions): string {
  const raw = requestedVersion(request);
  const requested = raw ?? (resource.released !== null ? String(resource.released) : String(LATEST));
  const parsed = parseVersion(requested);
  if (!parsed) throw badRequest(`The api-version '${requested}' is not in a valid format. Specify a version such as '7.1' or '7.1-preview.1'.`);
  const { version, preview } = parsed;
  if (version > LATEST) {
    throw new VssError(400, "VssVersionOutOfRangeException", `The requested REST API version of ${version.toFixed(1)} is out of range for this server. The latest REST API version this server supports is ${LATEST}.`);
  }
  if (!preview && (resource.released === null || version > resource.released)) {
    throw new VssError(
      400,
      "VssInvalidPreviewVersionException",
      `The requested version "${requested}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${requested}-preview"`,
    );
  }
  const revision = parsed.revision ?? resource.resourceVersion;
  if (revision > resource.resourceVersion) {
    throw new VssError(400, "VssVersionOutOfRangeException", `The requested resource version ${revision} is out of range for this resource. The latest resource version is ${resource.resourceVersion}.`);
  }
  return requested;
}

/** The organization in the path, or the service's 404 for an unknown organization. */
export function orgOf(ctx: EmulatorContext, name: string): AdoOrg {
  const found = ctx.world.azureDevOps.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new VssError(404, "AccountNotFoundException", `VS800075: The organization '${name}' could not be found.`, {}, "Microsoft.VisualStudio.Services.Account");
  return found;
}
