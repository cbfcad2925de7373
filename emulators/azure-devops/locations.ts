// The location service that azure-devops-node-api consults before any call: OPTIONS
// /{org}/_apis/{area} lists an area's resource locations (route template and versions), GET
// _apis/ResourceAreas says which host serves each area (all of them: this server), and
// GET _apis/connectionData describes the signed-in identity (WebApi.connect()).
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import { RESOURCES, orgOf, requireApiVersion } from "./api-version";
import { identityOf } from "./auth";

interface ApiResourceLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

const LOCATIONS: Record<string, ApiResourceLocation[]> = {
  location: [
    { id: "e81700f7-3be2-46de-8624-2eb35882fcaa", area: "Location", resourceName: "ResourceAreas", routeTemplate: "_apis/{resource}/{areaId}", resourceVersion: 1, minVersion: "3.2", maxVersion: "7.2", releasedVersion: "0.0" },
    { id: "00d9565f-ed9c-4a06-9a50-00e7896ccab4", area: "Location", resourceName: "ConnectionData", routeTemplate: "_apis/{resource}", resourceVersion: 1, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "0.0" },
  ],
  core: [
    { id: "603fe2ac-9723-48b9-88ad-09305aa6c6e1", area: "core", resourceName: "projects", routeTemplate: "_apis/{resource}/{*projectId}", resourceVersion: 4, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
  ],
  git: [
    { id: "225f7195-f9c7-4d14-ab28-a83f7ff77e1f", area: "git", resourceName: "repositories", routeTemplate: "{project}/_apis/{area}/{resource}/{repositoryId}", resourceVersion: 2, minVersion: "1.0", maxVersion: "7.2", releasedVersion: "7.1" },
  ],
};

/** Resource areas this server hosts (ids as azure-devops-node-api knows them). */
const AREAS = [
  { id: "79134c72-4a58-4b42-976c-04e7115f32bf", name: "core" },
  { id: "4e080c62-fa21-4fbc-8fef-2a10a2b38049", name: "git" },
  // wit's locations are listed by work-items.ts.
  { id: "5264459e-e5e0-4bd8-b118-0985e68a4ec5", name: "wit" },
];

export function registerLocations(app: FastifyInstance, ctx: EmulatorContext): void {
  app.options<{ Params: { organization: string; area: string } }>("/:organization/_apis/:area", async (request) => {
    orgOf(ctx, request.params.organization);
    const value = LOCATIONS[request.params.area.toLowerCase()] ?? [];
    return { count: value.length, value };
  });
  app.get<{ Params: { organization: string } }>("/:organization/_apis/ResourceAreas", async (request) => {
    requireApiVersion(request, RESOURCES.resourceAreas);
    const org = orgOf(ctx, request.params.organization);
    const value = AREAS.map((a) => ({ ...a, locationUrl: `${ctx.urls.azureDevOps}/${org.name}/` }));
    return { count: value.length, value };
  });
  app.get<{ Params: { organization: string } }>("/:organization/_apis/connectionData", async (request) => {
    const org = orgOf(ctx, request.params.organization);
    const identity = identityOf(request);
    const id = Rng.of(ctx.world.seed, "ado-identity", identity?.id ?? "").uuid();
    const user = {
      id,
      descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${ctx.world.entra.tenantId}\\${identity?.id ?? ""}`,
      subjectDescriptor: `aad.${Buffer.from(id).toString("base64url")}`,
      providerDisplayName: identity?.kind === "pat" ? identity.id : `Service principal ${identity?.id ?? ""}`,
      isActive: true,
      properties: { Account: { $type: "System.String", $value: identity?.id ?? "" } },
      resourceVersion: 2,
      metaTypeId: 0,
    };
    return {
      authenticatedUser: user,
      authorizedUser: user,
      instanceId: org.id,
      deploymentId: Rng.of(ctx.world.seed, "ado-deployment").uuid(),
      deploymentType: "hosted",
      locationServiceData: { serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7", defaultAccessMappingMoniker: "PublicAccessMapping", lastChangeId: 1, lastChangeId64: 1 },
    };
  });
}
