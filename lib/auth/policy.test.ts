import { describe, expect, it } from "vitest";
import { can, hasPermission, homePath, PERMISSIONS, seesAllRepositories, type Viewer } from "./policy";
import { rolesFromClaim, type Role } from "./roles";
import { safeReturnTo } from "./return-to";
import { readCookie, serializeCookie, sessionCookieName } from "./cookies";
import { fixedWindowLimiter } from "./rate-limit";
import { csvCell, csvRow } from "../reports/csv";

function viewer(roles: Role[], repos: string[] = []): Viewer {
  return {
    userId: "u",
    sessionId: "s",
    tenantId: "t",
    objectId: "o",
    upn: null,
    displayName: null,
    roles,
    groups: [],
    csrfToken: "c",
    repositoryScope: async () => (roles.some((r) => r !== "developer") ? "all" : new Set(repos)),
  };
}

describe("roles from the `roles` claim", () => {
  it("maps the app roles, ignores unknown values, and defaults to developer", () => {
    expect(rolesFromClaim(["Rampart.Admin", "Rampart.Auditor", "Something.Else", 42])).toEqual(["admin", "auditor"]);
    expect(rolesFromClaim(undefined)).toEqual(["developer"]);
    expect(rolesFromClaim(["Rampart.admin"])).toEqual(["developer"]);
    expect(rolesFromClaim("Rampart.Admin")).toEqual(["developer"]);
  });
});

describe("the policy", () => {
  it("grants admins everything and auditors no finding details", () => {
    for (const p of PERMISSIONS) expect(hasPermission(viewer(["admin"]), p)).toBe(true);
    expect(hasPermission(viewer(["auditor"]), "findings.read")).toBe(false);
    expect(hasPermission(viewer(["auditor"]), "reports.read")).toBe(true);
    expect(hasPermission(viewer(["security_reader"]), "connections.manage")).toBe(false);
    expect(hasPermission(viewer(["developer"]), "sync.read")).toBe(false);
  });

  it("limits developers to their repositories, and to nothing outside any repository", async () => {
    const dev = viewer(["developer"], ["r1"]);
    expect(await can(dev, "findings.read", { repositoryId: "r1" })).toBe(true);
    expect(await can(dev, "findings.read", { repositoryId: "r2" })).toBe(false);
    expect(await can(dev, "findings.read", { repositoryId: null })).toBe(false);
    expect(await can(dev, "connections.manage")).toBe(false);
    expect(await can(null, "posture.read")).toBe(false);
    expect(await can(viewer(["security_reader"]), "findings.read", { repositoryId: "r2" })).toBe(true);
    expect(seesAllRepositories(dev)).toBe(false);
  });

  it("sends each role home", () => {
    expect(homePath(viewer(["security_reader"]))).toBe("/overview");
    expect(homePath(viewer(["auditor"]))).toBe("/reports");
    expect(homePath(viewer(["developer"]))).toBe("/my");
  });
});

describe("return-to after sign-in", () => {
  it("accepts same-site paths only", () => {
    expect(safeReturnTo("/findings?severity=high")).toBe("/findings?severity=high");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "findings", "/auth/callback", "/x\nSet-Cookie: a=b", 42, ""]) expect(safeReturnTo(bad)).toBeNull();
  });
});

describe("cookies", () => {
  it("uses the __Host- prefix with Secure on https, and HttpOnly + SameSite=Lax always", () => {
    expect(sessionCookieName(true)).toBe("__Host-rampart_session");
    const secure = serializeCookie(sessionCookieName(true), "tok", { secure: true, maxAgeSeconds: 60 });
    expect(secure).toBe("__Host-rampart_session=tok; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=60");
    expect(serializeCookie("rampart_session", "", { secure: false, maxAgeSeconds: 0 })).not.toContain("Secure");
    expect(readCookie("a=1; rampart_session=abc; b=2", "rampart_session")).toBe("abc");
    expect(readCookie("rampart_session_x=abc", "rampart_session")).toBeUndefined();
  });
});

describe("sign-in rate limit", () => {
  it("lets the limit through per key per window, then refuses until the window passes", () => {
    const limiter = fixedWindowLimiter({ limit: 3, windowMs: 1000 });
    expect([1, 2, 3, 4].map(() => limiter.take("a", 0))).toEqual([true, true, true, false]);
    expect(limiter.take("b", 0)).toBe(true);
    expect(limiter.take("a", 1000)).toBe(true);
  });
});

describe("CSV cells", () => {
  it("neutralizes formulas and quotes per RFC 4180", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ["+1", "-1", "@SUM(A1)", "\tx"]) expect(csvCell(start).replace(/^"/, "")[0]).toBe("'");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell(-3)).toBe("-3");
    expect(csvRow(["a", null, 1])).toBe("a,,1\r\n");
  });
});
