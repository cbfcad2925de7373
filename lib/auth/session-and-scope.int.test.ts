// Sessions, CSRF and developer scope against PostgreSQL, through the real route handlers.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getSession } from "../../app/api/session/route";
import { POST as postConnection } from "../../app/api/admin/connections/route";
import { GET as getRepository } from "../../app/api/repositories/[id]/route";
import { database } from "../db";
import { resolveRepositoryScope } from "./scope";
import { createSession, readSession } from "./session";
import { sha256 } from "./tokens";

const ORIGIN = "http://localhost";

async function newUser(upn = `dev-${randomUUID().slice(0, 8)}@contoso.test`) {
  return database().prisma.user.create({ data: { tenantId: "tenant-a", objectId: randomUUID(), upn, displayName: "Dev" } });
}

async function sessionFor(roles: ("admin" | "developer" | "security_reader")[], user?: { id: string }) {
  const u = user ?? (await newUser());
  return createSession({ userId: u.id, roles, groups: [] });
}

function requestWith(token: string, init: RequestInit & { path?: string } = {}): Request {
  return new Request(`${ORIGIN}${init.path ?? "/api/session"}`, { ...init, headers: { cookie: `rampart_session=${token}`, ...(init.headers as Record<string, string>) } });
}

describe("sessions", () => {
  it("a live session answers; a forged, revoked, idle-expired or absolutely-expired one gets 401", async () => {
    const { prisma } = database();
    const live = await sessionFor(["security_reader"]);
    expect((await getSession(requestWith(live.token))).status).toBe(200);
    expect((await getSession(requestWith("forged-" + live.token.slice(7)))).status).toBe(401);
    expect((await getSession(requestWith(""))).status).toBe(401);

    const revoked = await sessionFor(["security_reader"]);
    await prisma.session.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await getSession(requestWith(revoked.token))).status).toBe(401);

    const idle = await sessionFor(["security_reader"]);
    await prisma.session.update({ where: { id: idle.id }, data: { idleExpiresAt: new Date(Date.now() - 1000) } });
    expect((await getSession(requestWith(idle.token))).status).toBe(401);

    const old = await sessionFor(["security_reader"]);
    await prisma.session.update({ where: { id: old.id }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect((await getSession(requestWith(old.token))).status).toBe(401);
  });

  it("slides the idle deadline with use, never past the absolute one", async () => {
    const s = await sessionFor(["developer"]);
    const { prisma } = database();
    const absolute = new Date(Date.now() + 30_000);
    await prisma.session.update({ where: { id: s.id }, data: { lastSeenAt: new Date(Date.now() - 120_000), idleExpiresAt: new Date(Date.now() + 10_000), absoluteExpiresAt: absolute } });
    const read = await readSession(s.token);
    expect(read?.idleExpiresAt.getTime()).toBe(absolute.getTime());
    const row = await prisma.session.findUniqueOrThrow({ where: { tokenHash: sha256(s.token) } });
    expect(row.idleExpiresAt.getTime()).toBe(absolute.getTime());
  });
});

describe("CSRF on state-changing requests", () => {
  it("refuses a mutation without the session's token or from another origin, before reading the body", async () => {
    const admin = await sessionFor(["admin"]);
    const body = JSON.stringify({ kind: "github_token", displayName: `csrf-${randomUUID()}`, baseUrl: "https://api.github.com", config: { orgs: ["a"] }, secretRef: null });
    const post = (headers: Record<string, string>) => postConnection(requestWith(admin.token, { path: "/api/admin/connections", method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
    const noToken = await post({ origin: ORIGIN });
    expect(noToken.status).toBe(403);
    const wrongToken = await post({ origin: ORIGIN, "x-csrf-token": "nope" });
    expect(wrongToken.status).toBe(403);
    const session = await readSession(admin.token);
    const crossSite = await post({ origin: "https://evil.example", "x-csrf-token": session!.csrfToken });
    expect(crossSite.status).toBe(403);
    const noOrigin = await post({ "x-csrf-token": session!.csrfToken });
    expect(noOrigin.status).toBe(403);
    expect(await database().prisma.connection.count({ where: { displayName: { startsWith: "csrf-" } } })).toBe(0);
    const ok = await post({ origin: ORIGIN, "x-csrf-token": session!.csrfToken });
    expect(ok.status).toBe(201);
    const audit = await database().prisma.appAuditEvent.findFirst({ where: { action: "connection.created" }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ kind: "github_token" });
  });

  it("refuses a secret reference an admin could aim at the app's own secrets", async () => {
    const admin = await sessionFor(["admin"]);
    const session = await readSession(admin.token);
    for (const secretRef of ["env:DATABASE_URL", "env:ENTRA_CLIENT_SECRET", "file:/etc/passwd", "file:/work/../etc/shadow"]) {
      const response = await postConnection(
        requestWith(admin.token, {
          path: "/api/admin/connections",
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, "x-csrf-token": session!.csrfToken },
          body: JSON.stringify({ kind: "github_token", displayName: "x", baseUrl: "https://api.github.com", config: { orgs: ["a"] }, secretRef }),
        }),
      );
      expect(response.status, secretRef).toBe(400);
    }
  });
});

describe("developer scope", () => {
  it("comes from team membership, collaborator access and Entra groups — and nothing else", async () => {
    const { prisma } = database();
    const suffix = randomUUID().slice(0, 8);
    const org = await prisma.organization.create({ data: { source: "github", sourceId: `O_${suffix}`, login: `org-${suffix}` } });
    const repo = (name: string, deleted = false) =>
      prisma.repository.create({ data: { organizationId: org.id, source: "github", sourceId: `R_${name}_${suffix}`, name, fullName: `${org.login}/${name}`, deletedAt: deleted ? new Date() : null } });
    const [viaTeam, viaCollab, viaGroup, other, gone] = await Promise.all([repo("team"), repo("collab"), repo("group"), repo("other"), repo("gone", true)]);
    const team = await prisma.team.create({ data: { organizationId: org.id, source: "github", sourceId: `T_${suffix}`, slug: "core", name: "Core" } });
    const groupTeam = await prisma.team.create({ data: { organizationId: org.id, source: "github", sourceId: `T2_${suffix}`, slug: "web", name: "Web" } });
    await prisma.teamRepository.createMany({ data: [{ teamId: team.id, repositoryId: viaTeam.id, permission: "push" }, { teamId: team.id, repositoryId: gone.id, permission: "push" }, { teamId: groupTeam.id, repositoryId: viaGroup.id, permission: "pull" }] });
    await prisma.teamMember.create({ data: { teamId: team.id, login: "Octo-Dev" } });
    await prisma.repositoryCollaborator.create({ data: { repositoryId: viaCollab.id, login: "octo-dev", permission: "push" } });
    const upn = `octo-${suffix}@contoso.test`;
    await prisma.identityLink.create({ data: { tenantId: "", organizationId: org.id, provider: "github", login: "octo-dev", origin: "saml", entraUpn: upn } });
    const groupId = randomUUID();
    await prisma.groupTeamLink.create({ data: { tenantId: "tenant-a", entraGroupId: groupId, teamId: groupTeam.id, origin: "admin" } });

    const scope = await resolveRepositoryScope({ tenantId: "tenant-a", objectId: randomUUID(), upn: upn.toUpperCase(), groups: [groupId] });
    expect([...scope].sort()).toEqual([viaTeam.id, viaCollab.id, viaGroup.id].sort());
    expect(scope.has(other.id)).toBe(false);
    expect(scope.has(gone.id)).toBe(false);
    // Someone else with the same groups claim format but another tenant's link gets nothing.
    const stranger = await resolveRepositoryScope({ tenantId: "tenant-b", objectId: randomUUID(), upn: `nobody-${suffix}@contoso.test`, groups: [groupId] });
    expect(stranger.size).toBe(0);

    // Through the route: the developer reads their repository, and gets 404 (no data) for another.
    const user = await prisma.user.create({ data: { tenantId: "tenant-a", objectId: randomUUID(), upn } });
    const dev = await createSession({ userId: user.id, roles: ["developer"], groups: [] });
    const mine = await getRepository(requestWith(dev.token, { path: `/api/repositories/${viaTeam.id}` }), { params: Promise.resolve({ id: viaTeam.id }) });
    expect(mine.status).toBe(200);
    const theirs = await getRepository(requestWith(dev.token, { path: `/api/repositories/${other.id}` }), { params: Promise.resolve({ id: other.id }) });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain("other");
  });
});

describe("the app audit trail", () => {
  it("is append-only: updates, deletes and truncates are refused by the database", async () => {
    const { prisma, pool } = database();
    const row = await prisma.appAuditEvent.create({ data: { action: "auth.sign_in", actorUpn: "someone@contoso.test" } });
    await expect(pool.query("UPDATE app_audit_event SET actor_upn = 'me' WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
    await expect(pool.query("DELETE FROM app_audit_event WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
    await expect(pool.query("TRUNCATE app_audit_event")).rejects.toThrow(/append-only/);
    expect((await prisma.appAuditEvent.findUnique({ where: { id: row.id } }))?.actorUpn).toBe("someone@contoso.test");
  });
});
