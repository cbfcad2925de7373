// The Microsoft Graph slice: who may call it (Graph's 401/403/400/404 bodies), memberOf paging
// with @odata.nextLink, $top and $select, groups by id, the user itself and userinfo.
import { describe, expect, it } from "vitest";
import { AUDIENCES, signEntraToken } from "../core/entra-tokens";
import { groupsOf } from "../world/entra";
import { useEmulators } from "../test-support/start";
import { msalClient, signIn } from "./testing";

type GraphBody = { error?: { code: string; message: string; innerError: Record<string, string> }; value?: { id: string }[]; "@odata.nextLink"?: string } & Record<string, unknown>;

describe("Microsoft Graph slice of the Entra emulator", () => {
  const emulators = useEmulators(["entra"]);
  const graph = () => `${emulators().endpoints.entraBase}/graph/v1.0`;
  const call = async (path: string, token?: string, init: RequestInit = {}) => {
    const url = path.startsWith("https://") ? path : `${graph()}${path}`;
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { "content-type": "application/json" } : {}) };
    const response = await fetch(url, { ...init, headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphBody };
  };
  const appToken = async () => (await msalClient(emulators().endpoints).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }))!.accessToken;

  it("answers 401 in Graph's shape for a missing, foreign-audience or expired token", async () => {
    const { ctx, endpoints } = emulators();
    const missing = await call("/me");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm=""/);
    expect(missing.body.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty.", innerError: { "request-id": expect.any(String), date: expect.any(String) } });

    const arm = await msalClient(endpoints).acquireTokenByClientCredential({ scopes: ["https://management.azure.com/.default"] });
    expect((await call("/me", arm!.accessToken)).body.error?.message).toBe("Access token validation failure. Invalid audience.");

    const expired = await signEntraToken(ctx, { aud: AUDIENCES.graph[0], sub: "x", idtyp: "app", roles: ["User.Read.All"] }, -120);
    expect((await call(`/users/${ctx.world.entra.users[0]!.objectId}`, expired)).body.error?.message).toBe("Lifetime validation failed, the token is expired.");
  });

  it("enforces permissions: /me needs a user, app tokens need roles, users see their own memberships only", async () => {
    const { ctx, endpoints } = emulators();
    const [someone, other] = [ctx.world.entra.users[0]!, ctx.world.entra.users[1]!];
    const app = await appToken();
    expect((await call("/me/memberOf", app)).body.error).toMatchObject({ code: "BadRequest" });

    const noRoles = await signEntraToken(ctx, { aud: AUDIENCES.graph[0], sub: "sp", oid: "sp", idtyp: "app" });
    const forbidden = await call(`/users/${someone.objectId}/memberOf`, noRoles);
    expect([forbidden.status, forbidden.body.error?.code]).toEqual([403, "Authorization_RequestDenied"]);

    const user = await signIn(msalClient(endpoints), someone.upn);
    expect((await call(`/users/${someone.objectId}/memberOf`, user.accessToken)).status).toBe(200);
    expect((await call(`/users/${other.objectId}/memberOf`, user.accessToken)).status).toBe(403);
    expect((await call("/users/00000000-0000-4000-8000-000000000000/memberOf", app)).body.error).toMatchObject({ code: "Request_ResourceNotFound" });
  });

  it("pages memberOf with $top, $select and @odata.nextLink", async () => {
    const { ctx } = emulators();
    const persona = ctx.world.entra.personas.find((p) => p.id === "security-lead")!;
    const user = ctx.world.entra.users[persona.userIndex]!;
    const expected = groupsOf(ctx.world.entra, persona.userIndex);
    const app = await appToken();
    const seen: string[] = [];
    let next: string | undefined = `/users/${user.upn}/memberOf?$top=2&$select=id,displayName`;
    while (next) {
      const page = await call(next, app);
      expect(page.status).toBe(200);
      expect(page.body["@odata.context"]).toBe(`${graph()}/$metadata#directoryObjects`);
      for (const item of page.body.value!) expect(Object.keys(item).sort()).toEqual(["@odata.type", "displayName", "id"]);
      seen.push(...page.body.value!.map((g) => g.id));
      next = page.body["@odata.nextLink"];
      if (next) expect(next).toMatch(/\$top=2&\$skiptoken=/);
    }
    expect(seen).toEqual(expected);
    expect((await call(`/users/${user.objectId}/memberOf?$top=0`, app)).body.error).toMatchObject({ code: "Request_BadRequest" });
    expect((await call(`/users/${user.objectId}/memberOf?$skiptoken=garbage`, app)).status).toBe(400);
  });

  it("needs securityEnabledOnly on getMemberObjects and returns groups by id", async () => {
    const { ctx } = emulators();
    const app = await appToken();
    const user = ctx.world.entra.users[0]!;
    expect((await call(`/users/${user.objectId}/getMemberObjects`, app, { method: "POST", body: "{}" })).status).toBe(400);
    const groups = await call(`/users/${user.objectId}/getMemberGroups`, app, { method: "POST", body: JSON.stringify({ securityEnabledOnly: true }) });
    expect(groups.body.value).toEqual(groupsOf(ctx.world.entra, 0));

    const teamGroup = ctx.world.entra.groups.find((g) => g.team)!;
    const group = await call(`/groups/${teamGroup.id}`, app);
    expect(group.body).toMatchObject({ id: teamGroup.id, displayName: teamGroup.displayName, securityEnabled: true, description: expect.stringContaining("GitHub team") });
    expect((await call("/groups/00000000-0000-4000-8000-000000000000", app)).status).toBe(404);
  });

  it("serves the user and the OIDC userinfo of a signed-in user", async () => {
    const { ctx, endpoints } = emulators();
    const result = await signIn(msalClient(endpoints), "admin");
    const user = ctx.world.entra.users[ctx.world.entra.personas.find((p) => p.id === "admin")!.userIndex]!;
    expect((await call("/me", result.accessToken)).body).toMatchObject({ id: user.objectId, userPrincipalName: user.upn, displayName: user.displayName });
    const info = await call(`${endpoints.entraBase}/graph/oidc/userinfo`, result.accessToken);
    expect(info.body).toMatchObject({ sub: (result.idTokenClaims as { sub: string }).sub, name: user.displayName, email: user.upn });
  });
});
