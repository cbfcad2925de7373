// The authorization matrix: every page and route handler under app/ (found on disk, so a new
// route without an entry here fails) × every role × anonymous, with the status each must get.
// Dynamic segments are tried with an id the developer owns and one they do not (IDOR): the
// foreign one must answer 404 and its body must hold none of the resource's data.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PERSONAS, signedInClient, type SignedInClient } from "./support/personas";

type Role = "anonymous" | "developer" | "auditor" | "security_reader" | "admin";
const ROLES: Role[] = ["anonymous", "developer", "auditor", "security_reader", "admin"];
const PERSONA_OF: Record<Role, string | null> = { anonymous: null, developer: PERSONAS.developer, auditor: PERSONAS.auditor, security_reader: PERSONAS.securityLead, admin: PERSONAS.admin };

/** Expected status per role; `[id]` routes are listed once per id kind. */
type Expect = Record<Role, number>;
const all = (status: number, anonymous = 307): Expect => ({ anonymous, developer: status, auditor: status, security_reader: status, admin: status });
const only = (allowed: Role[], ok: number, denied: number, anonymous: number): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, r === "anonymous" ? anonymous : allowed.includes(r) ? ok : denied])) as Expect;
const STAFF: Role[] = ["developer", "security_reader", "admin"];

interface Entry {
  /** Route as on disk, route groups removed: /repos/[id]. */
  route: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Which id fills [id]: the developer's own, another team's, or a random one. */
  id?: "own" | "other" | "random" | "scope";
  expect: Expect;
  body?: unknown;
  /** Query string; `{other}` becomes the other team's repository id. */
  query?: string;
}

const MATRIX: Entry[] = [
  // Public pages and endpoints.
  { route: "/", method: "GET", expect: all(200, 200) },
  { route: "/sign-in", method: "GET", expect: { ...all(307), anonymous: 200 } },
  { route: "/signed-out", method: "GET", expect: all(200, 200) },
  { route: "/api/health", method: "GET", expect: all(200, 200) },
  { route: "/auth/sign-in", method: "GET", expect: all(302, 302) },
  { route: "/auth/callback", method: "GET", expect: all(303, 303) },
  // Without its CSRF token sign-out is refused for a live session; with no session it just clears the cookie.
  { route: "/auth/sign-out", method: "POST", expect: { ...all(403), anonymous: 303 } },
  { route: "/api/webhooks/github", method: "POST", expect: all(401, 401) },
  // Dashboard pages.
  { route: "/overview", method: "GET", expect: all(200) },
  { route: "/my", method: "GET", expect: all(200) },
  { route: "/orgs", method: "GET", expect: all(200) },
  { route: "/teams", method: "GET", expect: all(200) },
  { route: "/repos", method: "GET", expect: all(200) },
  // Organization and team scorecards pool every repository: not for developers (404, as if absent).
  { route: "/orgs/[id]", method: "GET", id: "scope", expect: { ...all(200), developer: 404 } },
  { route: "/teams/[id]", method: "GET", id: "scope", expect: { ...all(200), developer: 404 } },
  { route: "/repos/[id]", method: "GET", id: "own", expect: all(200) },
  { route: "/repos/[id]", method: "GET", id: "other", expect: { ...all(200), developer: 404 } },
  { route: "/findings", method: "GET", expect: only(STAFF, 200, 403, 307) },
  { route: "/findings/[id]", method: "GET", id: "own", expect: only(STAFF, 200, 403, 307) },
  { route: "/findings/[id]", method: "GET", id: "other", expect: { ...only(STAFF, 200, 403, 307), developer: 404 } },
  { route: "/reports", method: "GET", expect: all(200) },
  { route: "/admin", method: "GET", expect: only(["admin"], 200, 403, 307) },
  { route: "/admin/sync", method: "GET", expect: only(["admin", "security_reader"], 200, 403, 307) },
  { route: "/admin/audit", method: "GET", expect: only(["admin"], 200, 403, 307) },
  { route: "/admin/identities", method: "GET", expect: only(["admin"], 200, 403, 307) },
  { route: "/admin/notifications", method: "GET", expect: only(["admin", "security_reader"], 200, 403, 307) },
  // JSON API.
  { route: "/api/session", method: "GET", expect: all(200, 401) },
  { route: "/api/repositories/[id]", method: "GET", id: "own", expect: all(200, 401) },
  { route: "/api/repositories/[id]", method: "GET", id: "other", expect: { ...all(200, 401), developer: 404 } },
  { route: "/api/findings", method: "GET", expect: only(STAFF, 200, 403, 401) },
  { route: "/api/findings/[id]", method: "GET", id: "own", expect: only(STAFF, 200, 403, 401) },
  { route: "/api/findings/[id]", method: "GET", id: "other", expect: { ...only(STAFF, 200, 403, 401), developer: 404 } },
  { route: "/api/exports/findings", method: "GET", expect: only(STAFF, 200, 403, 401) },
  // Triage: an invalid body on one's own finding passes the policy (400); a valid one on another
  // team's finding is 404 for the developer, and really happens for the security lead and admin.
  { route: "/api/findings/[id]/assignee", method: "POST", id: "own", body: {}, expect: only(STAFF, 400, 403, 401) },
  { route: "/api/findings/[id]/assignee", method: "POST", id: "other", body: { assignee: null }, expect: { ...only(STAFF, 200, 403, 401), developer: 404 } },
  { route: "/api/findings/[id]/work-items", method: "POST", id: "own", body: {}, expect: only(STAFF, 400, 403, 401) },
  { route: "/api/findings/[id]/work-items", method: "POST", id: "other", body: { target: { system: "github_issue" } }, expect: { anonymous: 401, developer: 404, auditor: 403, security_reader: 201, admin: 200 } },
  { route: "/api/admin/notification-rules", method: "GET", expect: only(["admin", "security_reader"], 200, 403, 401) },
  { route: "/api/admin/notification-rules", method: "POST", body: {}, expect: only(["admin", "security_reader"], 400, 403, 401) },
  { route: "/api/admin/notification-rules/[id]", method: "PATCH", id: "random", body: {}, expect: only(["admin", "security_reader"], 404, 403, 401) },
  { route: "/api/admin/notification-rules/[id]", method: "DELETE", id: "random", expect: only(["admin", "security_reader"], 404, 403, 401) },
  // Admin API: mutations are sent with a valid CSRF token and an invalid body, so "allowed"
  // shows as 400 (past the policy, stopped by validation) and "denied" as 403.
  { route: "/api/admin/connections", method: "GET", expect: only(["admin"], 200, 403, 401) },
  { route: "/api/admin/connections", method: "POST", body: {}, expect: only(["admin"], 400, 403, 401) },
  { route: "/api/admin/connections/[id]", method: "DELETE", id: "random", expect: only(["admin"], 404, 403, 401) },
  { route: "/api/admin/connections/[id]/test", method: "POST", id: "random", expect: only(["admin"], 404, 403, 401) },
  { route: "/api/admin/identity-links", method: "GET", expect: only(["admin"], 200, 403, 401) },
  { route: "/api/admin/identity-links", method: "POST", body: {}, expect: only(["admin"], 400, 403, 401) },
  { route: "/api/admin/identity-links/[id]", method: "DELETE", id: "random", expect: only(["admin"], 404, 403, 401) },
  { route: "/api/admin/group-links", method: "POST", body: {}, expect: only(["admin"], 400, 403, 401) },
  { route: "/api/admin/group-links/[id]", method: "DELETE", id: "random", expect: only(["admin"], 404, 403, 401) },
  { route: "/api/reports", method: "GET", query: "kind=posture&format=json&scope=enterprise", expect: all(200, 401) },
  { route: "/api/reports", method: "GET", query: "kind=posture&format=json&scope=repo:{other}", expect: { ...all(200, 401), developer: 404 } },
  { route: "/api/risk-acceptances", method: "POST", body: {}, expect: only(["admin", "security_reader"], 400, 403, 401) },
  { route: "/api/risk-acceptances/[id]", method: "DELETE", id: "random", expect: only(["admin", "security_reader"], 404, 403, 401) },
];

/** Every page (GET) and every exported handler method under app/, as "METHOD /route". */
function discoverRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page.tsx" || entry.name === "route.ts") {
        const route = "/" + path.relative("app", path.dirname(full)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/");
        const normalized = route === "/" ? "/" : route.replace(/\/$/, "");
        if (entry.name === "page.tsx") found.push(`GET ${normalized}`);
        else for (const m of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${m[1]} ${normalized}`);
      }
    }
  };
  walk("app");
  return found.sort();
}

test("every route under app/ has an entry in the matrix (and every entry a route)", () => {
  const listed = [...new Set(MATRIX.map((e) => `${e.method} ${e.route}`))].sort();
  expect(listed).toEqual(discoverRoutes());
});

test("routes × roles answer exactly as the policy says", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const clients = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await signedInClient(baseURL!, PERSONA_OF[r])] as const))) as Record<Role, SignedInClient>;

  // Ids: what the developer owns, and what the security lead sees that the developer does not.
  const dev = clients.developer.request;
  const lead = clients.security_reader.request;
  const ownFindings = (await (await dev.get("/api/findings?state=open")).json()) as { rows: { id: string; repository: { id: string } | null }[] };
  const ownFinding = ownFindings.rows.find((f) => f.repository);
  expect(ownFinding, "the developer persona owns at least one finding").toBeDefined();
  const ownRepos = new Set(ownFindings.rows.map((f) => f.repository?.id));
  const leadFindings = (await (await lead.get("/api/findings?state=open")).json()) as { rows: { id: string; title: string; repository: { id: string; fullName: string } | null }[] };
  const otherFinding = leadFindings.rows.find((f) => f.repository && !ownRepos.has(f.repository.id));
  expect(otherFinding, "another team has findings the developer must not see").toBeDefined();
  const otherRepo = otherFinding!.repository!;
  // The other repository must really be outside the developer's scope (not just unlisted on page 1).
  expect((await dev.get(`/api/repositories/${otherRepo.id}`)).status()).toBe(404);
  // A real organization and team, as the security lead's list pages link them.
  const firstLink = async (page: string, base: string) => {
    const html = await (await lead.get(page)).text();
    const at = html.indexOf(`href="${base}/`);
    expect(at, `${page} links a scorecard`).toBeGreaterThan(-1);
    return html.slice(at + base.length + 7, at + base.length + 7 + 36);
  };
  const scopeIds = { "/orgs/[id]": await firstLink("/orgs", "/orgs"), "/teams/[id]": await firstLink("/teams", "/teams") };
  const ids = {
    own: { "/repos/[id]": ownFinding!.repository!.id, "/api/repositories/[id]": ownFinding!.repository!.id, "/findings/[id]": ownFinding!.id, "/api/findings/[id]": ownFinding!.id },
    other: { "/repos/[id]": otherRepo.id, "/api/repositories/[id]": otherRepo.id, "/findings/[id]": otherFinding!.id, "/api/findings/[id]": otherFinding!.id },
  };

  const failures: string[] = [];
  const table: string[] = [];
  for (const entry of MATRIX) {
    const idKey = entry.route.replace(/\/(test|assignee|work-items)$/, "") as keyof typeof ids.own;
    const id =
      entry.id === "random" ? crypto.randomUUID() : entry.id === "scope" ? scopeIds[entry.route as keyof typeof scopeIds] : entry.id ? ids[entry.id][idKey] : undefined;
    const path = id ? entry.route.replace("[id]", id) : entry.route;
    const url = entry.query ? `${path}?${entry.query.replace("{other}", otherRepo.id)}` : path;
    const row: string[] = [];
    for (const role of ROLES) {
      const { request, csrfToken } = clients[role];
      const headers: Record<string, string> = entry.method === "GET" ? {} : { origin: baseURL!, "x-csrf-token": csrfToken, "content-type": "application/json" };
      if (entry.route === "/auth/sign-out") delete headers["x-csrf-token"];
      const response = await request.fetch(url, { method: entry.method, headers, data: entry.body === undefined ? undefined : JSON.stringify(entry.body), maxRedirects: 0 });
      const status = response.status();
      row.push(String(status));
      if (status !== entry.expect[role]) failures.push(`${entry.method} ${url} as ${role}: ${status}, expected ${entry.expect[role]}`);
      if ((entry.id === "other" || entry.query?.includes("{other}")) && role === "developer") {
        const body = await response.text();
        if (body.includes(otherRepo.fullName) || body.includes(otherFinding!.title)) failures.push(`${entry.method} ${url} as developer leaked data`);
      }
    }
    table.push(`| ${entry.method} ${entry.route}${entry.id ? ` (${entry.id})` : ""}${entry.query ? ` ?${entry.query}` : ""} | ${row.join(" | ")} |`);
  }
  console.log(`| route | ${ROLES.join(" | ")} |\n|---|${ROLES.map(() => "---").join("|")}|\n${table.join("\n")}`);
  expect(failures).toEqual([]);
});
