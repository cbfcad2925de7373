// Azure Boards work items through azure-devops-node-api's WorkItemTrackingApi (location
// negotiation included) and raw REST: create a Bug with a JSON Patch document, comment, move it
// through the Agile states, read it back singly and in a batch; the service's refusals.
import * as azdev from "azure-devops-node-api";
import type { JsonPatchOperation } from "azure-devops-node-api/interfaces/common/VSSInterfaces";
import { Operation } from "azure-devops-node-api/interfaces/common/VSSInterfaces";
import { describe, expect, it } from "vitest";
import { AZURE_DEVOPS_DEMO_PAT } from "../core/credentials";
import { useEmulators } from "../test-support/start";
import { adoBearer, basicPat } from "./testing/ado-client";

const field = (path: string, value: unknown): JsonPatchOperation => ({ op: Operation.Add, path: `/fields/${path}`, value });

describe("Azure Boards work items", () => {
  const emulators = useEmulators(["azureDevOps"]);
  const ctx = () => emulators().ctx;
  const org = () => ctx().world.azureDevOps[0]!;
  const project = () => org().projects[0]!;
  const orgUrl = () => `${ctx().urls.azureDevOps}/${org().name}`;
  const witApi = async () => new azdev.WebApi(orgUrl(), azdev.getPersonalAccessTokenHandler(AZURE_DEVOPS_DEMO_PAT)).getWorkItemTrackingApi();

  it("creates a Bug, comments on it and resolves then closes it with the node client", async () => {
    const wit = await witApi();
    const created = await wit.createWorkItem(
      null,
      [
        field("System.Title", "Fix SQL injection in api"),
        field("Microsoft.VSTS.TCM.ReproSteps", "<p>details</p>"),
        field("System.Tags", "rampart; security"),
        field("System.AreaPath", `${project().name}\\Security`),
        { op: Operation.Add, path: "/relations/-", value: { rel: "Hyperlink", url: "https://rampart.example/findings/1" } },
      ],
      project().name,
      "Bug",
    );
    expect(created.id).toBe(1);
    expect(created.rev).toBe(1);
    expect(created.fields).toMatchObject({
      "System.Title": "Fix SQL injection in api",
      "System.State": "New",
      "System.WorkItemType": "Bug",
      "System.TeamProject": project().name,
      "System.AreaPath": `${project().name}\\Security`,
      "System.Tags": "rampart; security",
    });
    expect(created.relations).toEqual([{ rel: "Hyperlink", url: "https://rampart.example/findings/1", attributes: {} }]);
    expect(created._links.html.href).toBe(`${orgUrl()}/${project().id}/_workitems/edit/1`);

    const comment = await wit.addComment({ text: "Fixed in source." }, project().name, created.id!);
    expect(comment).toMatchObject({ workItemId: 1, text: "Fixed in source." });
    const comments = await wit.getComments(project().name, created.id!);
    expect(comments.comments?.map((c) => c.text)).toEqual(["Fixed in source."]);

    const resolved = await wit.updateWorkItem(null, [{ op: Operation.Test, path: "/rev", value: 1 }, field("System.State", "Resolved")], created.id!);
    expect(resolved).toMatchObject({ rev: 2, fields: { "System.State": "Resolved", "System.Reason": "Fixed", "System.CommentCount": 1 } });
    const closed = await wit.updateWorkItem(null, [field("System.State", "Closed")], created.id!, project().name);
    expect(closed.fields?.["System.State"]).toBe("Closed");

    const fetched = await wit.getWorkItem(created.id!);
    expect(fetched.fields?.["System.State"]).toBe("Closed");
    expect(fetched.relations).toBeUndefined();
    const batch = await wit.getWorkItems([created.id!, 999], undefined, undefined, undefined, 2 /* WorkItemErrorPolicy.Omit */);
    expect(batch.map((w) => w?.id ?? null)).toEqual([1, null]);
  });

  it("works with an Entra bearer token", async () => {
    const token = (await adoBearer(ctx())).replace(/^Bearer /, "");
    const wit = await new azdev.WebApi(orgUrl(), azdev.getBearerHandler(token)).getWorkItemTrackingApi();
    const created = await wit.createWorkItem(null, [field("System.Title", "Rotate leaked token")], project().name, "Task");
    expect(created.fields).toMatchObject({ "System.State": "New", "System.WorkItemType": "Task" });
  });

  it("refuses what the service refuses", async () => {
    const wit = await witApi();
    // The library turns a 404 into null, even on POST.
    expect(await wit.createWorkItem(null, [field("System.Title", "x")], project().name, "Feature")).toBeNull();
    await expect(wit.createWorkItem(null, [field("System.Title", "x"), field("System.State", "Closed")], project().name, "Bug")).rejects.toThrow(/TF401320/);
    await expect(wit.createWorkItem(null, [field("System.Title", "x"), field("System.AreaPath", "Elsewhere")], project().name, "Bug")).rejects.toThrow(/TF401347/);
    await expect(wit.createWorkItem(null, [field("Custom.Nope", "x"), field("System.Title", "x")], project().name, "Bug")).rejects.toThrow(/TF51535/);
    await expect(wit.updateWorkItem(null, [field("System.State", "Done")], 1)).rejects.toThrow(/TF401320/);
    await expect(wit.updateWorkItem(null, [{ op: Operation.Test, path: "/rev", value: 1 }, field("System.Title", "y")], 1)).rejects.toMatchObject({ statusCode: 412 });
    // The library turns a 404 on GET into null.
    expect(await wit.getWorkItem(4242)).toBeNull();

    const plainJson = await fetch(`${orgUrl()}/${project().name}/_apis/wit/workitems/$Bug?api-version=7.1`, {
      method: "POST",
      headers: { authorization: basicPat(), "content-type": "application/json" },
      body: JSON.stringify([{ op: "add", path: "/fields/System.Title", value: "x" }]),
    });
    expect(plainJson.status).toBe(415);
    const noVersion = await fetch(`${orgUrl()}/${project().name}/_apis/wit/workItems/1/comments`, {
      method: "POST",
      headers: { authorization: basicPat(), "content-type": "application/json" },
      body: JSON.stringify({ text: "x" }),
    });
    expect(noVersion.status).toBe(400);
    const rawCreate = await fetch(`${orgUrl()}/${project().name}/_apis/wit/workitems/$Bug?api-version=7.1`, {
      method: "POST",
      headers: { authorization: basicPat(), "content-type": "application/json-patch+json" },
      body: JSON.stringify([{ op: "add", path: "/fields/System.Title", value: "Raw" }]),
    });
    expect(rawCreate.status).toBe(200);
    expect(await rawCreate.json()).toMatchObject({ fields: { "System.Title": "Raw", "System.State": "New" } });
    const anonymous = await fetch(`${orgUrl()}/_apis/wit/workitems/1?api-version=7.1`);
    expect(anonymous.status).toBe(401);
  });
});
