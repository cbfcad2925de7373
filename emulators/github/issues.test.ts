// Issues REST against GitHub's OpenAPI schemas with the real Octokit: an App installation
// opens, comments on and closes an issue; the grant, validation and org boundaries answer as
// GitHub does.
import { createAppAuth } from "@octokit/auth-app";
import { request } from "@octokit/request";
import { describe, expect, it } from "vitest";
import { GITHUB_APP_ID, githubInstallationId } from "../core/credentials";
import type { RunningEmulators } from "../start";
import { useEmulators } from "../test-support/start";
import { GitHubClient, client } from "./test-support/clients";
import { restErrors } from "./test-support/openapi";

/** An Octokit acting as the App's installation on org `orgIndex`, with the token asking for `permissions` when given. */
async function installationClient(running: RunningEmulators, orgIndex: number, permissions?: Record<string, string>): Promise<GitHubClient> {
  const auth = createAppAuth({
    appId: GITHUB_APP_ID,
    privateKey: running.ctx.keys.githubApp.privateKeyPem,
    installationId: githubInstallationId(orgIndex),
    request: request.defaults({ baseUrl: running.endpoints.github }),
  });
  const { token } = await auth({ type: "installation", ...(permissions ? { permissions } : {}) });
  return client(running, token);
}

describe("GitHub issues REST", () => {
  const emulators = useEmulators(["github"]);
  const org = () => emulators().ctx.world.github.orgs[0]!;
  const repo = () => org().repos[0]!;

  it("opens an issue as the App's bot, comments on it and closes it as completed", async () => {
    const octokit = await installationClient(emulators(), 0);
    const [owner, name] = repo().fullName.split("/") as [string, string];
    const created = await octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo: name, title: "Fix SQL injection", body: "details", labels: ["security", "rampart"] });
    expect(created.status).toBe(201);
    expect(restErrors("POST", "/repos/{owner}/{repo}/issues", 201, created.data)).toEqual([]);
    expect(created.data).toMatchObject({ number: 1, state: "open", title: "Fix SQL injection", body: "details", user: { login: "rampart-posture[bot]", type: "Bot" } });
    expect(created.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["security", "rampart"]);
    expect(created.headers.location).toBe(created.data.url);

    const second = await octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo: name, title: "Another" });
    expect(second.data.number).toBe(2);

    const comment = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo: name, issue_number: 1, body: "Fixed in source." });
    expect(comment.status).toBe(201);
    expect(restErrors("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, comment.data)).toEqual([]);
    const comments = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo: name, issue_number: 1 });
    expect(restErrors("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 200, comments.data)).toEqual([]);
    expect(comments.data.map((c) => c.body)).toEqual(["Fixed in source."]);

    const closed = await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo: name, issue_number: 1, state: "closed", state_reason: "completed" });
    expect(restErrors("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", 200, closed.data)).toEqual([]);
    expect(closed.data).toMatchObject({ state: "closed", state_reason: "completed", comments: 1, closed_by: { login: "rampart-posture[bot]" } });
    expect(closed.data.closed_at).toEqual(expect.any(String));

    const fetched = await client(emulators()).request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo: name, issue_number: 1 });
    expect(restErrors("GET", "/repos/{owner}/{repo}/issues/{issue_number}", 200, fetched.data)).toEqual([]);
    expect(fetched.data.state).toBe("closed");

    const reopened = await client(emulators()).request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo: name, issue_number: 1, state: "open" });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
  });

  it("refuses without the issues grant, on another org, and for bad input, in GitHub's words", async () => {
    const running = emulators();
    const [owner, name] = repo().fullName.split("/") as [string, string];
    const readOnly = await installationClient(running, 0, { metadata: "read", security_events: "read" });
    await expect(readOnly.request("POST /repos/{owner}/{repo}/issues", { owner, repo: name, title: "x" })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    // Another org's installation does not see a private repository at all.
    const otherOrg = await installationClient(running, 1);
    expect(repo().visibility).not.toBe("public");
    await expect(otherOrg.request("POST /repos/{owner}/{repo}/issues", { owner, repo: name, title: "x" })).rejects.toMatchObject({ status: 404 });

    const octokit = client(running);
    const missingTitle = await octokit.request("POST /repos/{owner}/{repo}/issues", { owner, repo: name, title: "" }).catch((e: { status: number; response: { data: unknown } }) => e);
    expect(missingTitle).toMatchObject({ status: 422, response: { data: { message: "Validation Failed", errors: [{ resource: "Issue", code: "missing_field", field: "title" }] } } });
    expect(restErrors("POST", "/repos/{owner}/{repo}/issues", 422, (missingTitle as { response: { data: unknown } }).response.data)).toEqual([]);
    await expect(octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo: name, issue_number: 1, state: "done" as "open" })).rejects.toMatchObject({ status: 422 });
    await expect(octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner, repo: name, issue_number: 999 })).rejects.toMatchObject({ status: 404 });
    const anonymous = await fetch(`${running.endpoints.github}/repos/${repo().fullName}/issues`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "x" }) });
    expect(anonymous.status).toBe(401);
  });
});
