// The posture APIs of the Azure DevOps emulator: paging with $top and x-ms-continuationtoken,
// api-version rules (checks and Graph are preview-only), shapes the service documents, and
// answers that follow the world (including edits made to it).
import { describe, expect, it } from "vitest";
import { useEmulators } from "../test-support/start";
import { adoGet, type AdoResponse } from "./testing/ado-client";
import { GIT_SECURITY_NAMESPACE, POLICY_TYPES } from "./posture";

type List<T = Record<string, unknown>> = { count: number; value: T[] };

describe("Azure DevOps emulator: repository posture APIs", () => {
  const emulators = useEmulators(["azureDevOps"]);
  const ctx = () => emulators().ctx;
  const org = () => ctx().world.azureDevOps[0]!;
  const project = () => org().projects[0]!;

  /** Follows x-ms-continuationtoken with the same query. */
  async function readAll(path: string, query: Record<string, string>): Promise<{ items: Record<string, unknown>[]; pages: number }> {
    const items: Record<string, unknown>[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const q = new URLSearchParams({ ...query, ...(token ? { continuationToken: token } : {}) });
      const response: AdoResponse<List> = await adoGet<List>(ctx(), `${path}?${q}`);
      expect(response.status).toBe(200);
      items.push(...response.body.value);
      token = response.headers.get("x-ms-continuationtoken");
      pages++;
    } while (token);
    return { items, pages };
  }

  it("pages policy configurations and scopes each to its repository and ref", async () => {
    const { items, pages } = await readAll(`/${org().name}/${project().id}/_apis/policy/configurations`, { "api-version": "7.1", $top: "2" });
    const expected = project().posture.projectPolicies.length + project().repos.reduce((n, r) => n + r.policies.length, 0);
    expect(items).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 2));
    const projectWide = items.filter((p) => (p.settings as { scope: { repositoryId: string | null }[] }).scope[0]!.repositoryId === null);
    expect(projectWide).toHaveLength(project().posture.projectPolicies.length);
    const reviewers = items.find((p) => (p.type as { id: string }).id === POLICY_TYPES.minimumReviewers.id);
    if (reviewers) expect(reviewers.settings).toMatchObject({ minimumApproverCount: expect.any(Number), creatorVoteCounts: expect.any(Boolean), resetOnSourcePush: expect.any(Boolean) });
    expect(items.every((p) => typeof p.isEnabled === "boolean" && typeof p.isBlocking === "boolean" && p.isDeleted === false)).toBe(true);
  });

  it("returns build definitions with their repository only when all properties are asked for", async () => {
    const shallow = await adoGet<List>(ctx(), `/${org().name}/${encodeURIComponent(project().name)}/_apis/build/definitions?api-version=7.1`);
    expect(shallow.body.value.every((d) => d.repository === undefined)).toBe(true);
    const { items } = await readAll(`/${org().name}/${project().id}/_apis/build/definitions`, { "api-version": "7.1", includeAllProperties: "true", $top: "1" });
    expect(items.map((d) => [d.id, (d.repository as { id: string }).id])).toEqual(project().pipelines.map((p) => [p.id, p.repoId]));
  });

  it("lists environments, their deployment records and their checks with settings", async () => {
    const { items } = await readAll(`/${org().name}/${project().id}/_apis/distributedtask/environments`, { "api-version": "7.1" });
    expect(items.map((e) => e.name)).toEqual(["dev", "staging", "production"]);
    for (const environment of project().posture.environments) {
      const records = await adoGet<List>(ctx(), `/${org().name}/${project().id}/_apis/distributedtask/environments/${environment.id}/environmentdeploymentrecords?api-version=7.1&top=100`);
      expect(records.body.value.map((r) => (r.definition as { id: number }).id)).toEqual(environment.deployedBy);
      const checks = await adoGet<List>(ctx(), `/${org().name}/${project().id}/_apis/pipelines/checks/configurations?api-version=7.1-preview.1&resourceType=environment&resourceId=${environment.id}&$expand=settings`);
      expect(checks.body.value.map((c) => c.id)).toEqual(environment.checks.map((c) => c.id));
      const approval = checks.body.value.find((c) => (c.type as { name: string }).name === "Approval");
      if (approval) expect(approval.settings).toMatchObject({ approvers: expect.any(Array), minRequiredApprovers: expect.any(Number) });
    }
    const released = await adoGet(ctx(), `/${org().name}/${project().id}/_apis/pipelines/checks/configurations?api-version=7.1&resourceType=environment`);
    expect(released.status).toBe(400);
  });

  it("serves the Git namespace's ACLs for a project token, recursing into repositories", async () => {
    const token = `repoV2/${project().id}`;
    const response = await adoGet<List<{ token: string; inheritPermissions: boolean; acesDictionary: Record<string, { allow: number; deny: number }> }>>(
      ctx(),
      `/${org().name}/_apis/accesscontrollists/${GIT_SECURITY_NAMESPACE}?api-version=7.1&token=${encodeURIComponent(token)}&recurse=true`,
    );
    const withAces = project().repos.filter((r) => r.aces.length > 0);
    expect(response.body.value.map((a) => a.token)).toEqual([token, ...withAces.map((r) => `${token}/${r.id}`)]);
    const first = Object.values(response.body.value[0]!.acesDictionary)[0]!;
    expect(first).toEqual({ descriptor: expect.stringMatching(/^Microsoft\.TeamFoundation\.Identity;S-1-9-/), allow: expect.any(Number), deny: 0 });
    const other = await adoGet<List>(ctx(), `/${org().name}/_apis/accesscontrollists/52d39943-cb85-4d7f-8fa8-c6baac873819?api-version=7.1&token=${encodeURIComponent(token)}`);
    expect(other.body.count).toBe(0);
  });

  it("lists Graph groups whose descriptors carry the SIDs the ACLs name", async () => {
    const { items } = await readAll(`/${org().name}/_apis/graph/groups`, { "api-version": "7.1-preview.1" });
    expect(items).toHaveLength(org().projects.reduce((n, p) => n + p.posture.groups.length, 0));
    const contributors = items.find((g) => g.principalName === `[${project().name}]\\Contributors`)!;
    const sid = Buffer.from((contributors.descriptor as string).split(".")[1]!, "base64url").toString();
    expect(sid).toBe(project().posture.groups.find((g) => g.name === "Contributors")!.sid);
    expect(items.filter((g) => g.origin === "aad").every((g) => (g.descriptor as string).startsWith("aadgp."))).toBe(true);
  });

  it("reflects edits to the world on the next read", async () => {
    const repo = project().repos[0]!;
    const saved = repo.policies;
    repo.policies = [];
    try {
      const { items } = await readAll(`/${org().name}/${project().id}/_apis/policy/configurations`, { "api-version": "7.1" });
      expect(items.some((p) => (p.settings as { scope: { repositoryId: string }[] }).scope[0]!.repositoryId === repo.id)).toBe(false);
    } finally {
      repo.policies = saved;
    }
  });
});
