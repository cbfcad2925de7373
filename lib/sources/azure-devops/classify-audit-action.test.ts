// The posture signal of every audit example the owners publish, written down one by one, then
// named scenarios for each family of security-relevant actions the issue lists.
import { describe, expect, it } from "vitest";
import { auditExampleBody, haveAuditFixtures } from "../../../test/azure-devops-fixtures";
import { actionsForSignal, classifyAuditEntry, type AuditSignal } from "./classify-audit-action";
import { mapAuditEntry } from "./map-audit-entry";

const signal = (name: string, stage: AuditSignal["stage"], severity: AuditSignal["severity"]): AuditSignal => ({ signal: name, stage, severity });

describe.skipIf(!haveAuditFixtures)("every official example", () => {
  it("audit log query example: audit-log access and a private project's creation raise no signal", () => {
    const body = auditExampleBody("auditLog/GET__AuditLog_QueryLog_by_date.json") as { value: { decoratedAuditLogEntries: unknown[] } };
    const expected: Record<string, AuditSignal | null> = {
      "AuditLog.AccessLog": null,
      // ProjectVisibility "Private": only a public project is exposure.
      "Project.CreateCompleted": null,
    };
    for (const raw of body.value.decoratedAuditLogEntries) {
      const result = mapAuditEntry(raw);
      if (!result.ok) throw new Error(result.error);
      expect([result.record.actionId, classifyAuditEntry(result.record)]).toEqual([result.record.actionId, expected[result.record.actionId]]);
    }
  });

  it("Security-area actions example: each action id with data-free severities", () => {
    const body = auditExampleBody("actions/GET__AuditLog_GetActions_by_areaName.json") as { value: { actionId: string }[] };
    const permission = signal("permission-changed", "operate", "medium");
    const expected: Record<string, AuditSignal | null> = {
      "Security.ModifyPermission": permission,
      "Security.ResetPermission": permission,
      "Security.RemovePermission": permission,
      "Security.ResetAccessControlLists": permission,
      "Security.ModifyAccessControlLists": permission,
      "Security.RemoveAccessControlLists": permission,
      "Security.RemoveIdentityACEs": permission,
      "Security.RemoveAllAccessControlLists": permission,
      "Group.CreateGroups": signal("group-changed", "operate", "low"),
      "Group.UpdateGroups.Modify": signal("group-changed", "operate", "low"),
      "Group.UpdateGroups.Delete": signal("group-changed", "operate", "low"),
      "Group.UpdateGroupMembership.Add": signal("group-member-added", "operate", "medium"),
      "Group.UpdateGroupMembership.Remove": signal("group-member-removed", "operate", "low"),
    };
    expect(body.value.map((a) => a.actionId).sort()).toEqual(Object.keys(expected).sort());
    for (const { actionId } of body.value) expect([actionId, classifyAuditEntry({ actionId })]).toEqual([actionId, expected[actionId]]);
  });
});

describe("named scenarios", () => {
  const cases: [scenario: string, entry: Parameters<typeof classifyAuditEntry>[0], expected: AuditSignal | null][] = [
    ["push that bypassed branch policies", { actionId: "Git.RefUpdatePoliciesBypassed", data: { RefName: "refs/heads/main" } }, signal("branch-policy-bypassed", "operate", "high")],
    ["branch policy removed", { actionId: "Policy.PolicyConfigRemoved" }, signal("branch-policy-removed", "operate", "high")],
    ["branch policy modified", { actionId: "Policy.PolicyConfigModified" }, signal("branch-policy-modified", "operate", "medium")],
    ["branch policy created", { actionId: "Policy.PolicyConfigCreated" }, signal("branch-policy-created", "operate", "info")],
    ["PAT created", { actionId: "Token.PatCreateEvent" }, signal("pat-created", "operate", "medium")],
    ["PAT found in a public repository", { actionId: "Token.PatPublicDiscoveryEvent" }, signal("pat-leaked", "operate", "critical")],
    ["SSH key created", { actionId: "Token.SshCreateEvent" }, signal("ssh-key-created", "operate", "medium")],
    ["PAT revoked (hygiene, not a risk)", { actionId: "Token.PatRevokeEvent" }, null],
    ["bypass permission granted", { actionId: "Security.ModifyPermission", data: { ChangedPermission: "Bypass policies when pushing", PermissionModifiedTo: "Allow" } }, signal("permission-changed", "operate", "high")],
    ["ordinary permission granted", { actionId: "Security.ModifyPermission", data: { ChangedPermission: "Contribute", PermissionModifiedTo: "Allow" } }, signal("permission-changed", "operate", "medium")],
    ["bypass permission denied", { actionId: "Security.ModifyPermission", data: { ChangedPermission: "Bypass policies when pushing", PermissionModifiedTo: "Deny" } }, signal("permission-changed", "operate", "medium")],
    ["member added to Project Administrators", { actionId: "Group.UpdateGroupMembership.Add", data: { GroupName: "[Fabrikam]\\Project Administrators" } }, signal("group-member-added", "operate", "high")],
    ["member added to Readers", { actionId: "Group.UpdateGroupMembership.Add", data: { GroupName: "[Fabrikam]\\Readers" } }, signal("group-member-added", "operate", "medium")],
    ["service connection created", { actionId: "Library.ServiceConnectionCreated" }, signal("service-connection-created", "cd", "medium")],
    ["service connection shared with other projects", { actionId: "Library.ServiceConnectionShared" }, signal("service-connection-shared", "cd", "high")],
    ["service connection modified", { actionId: "Library.ServiceConnectionModified" }, signal("service-connection-modified", "cd", "medium")],
    ["service connection opened to every pipeline of a project", { actionId: "Pipelines.ResourceAuthorizedForProject" }, signal("pipeline-resource-opened", "cd", "high")],
    ["service connection authorized for one pipeline", { actionId: "Pipelines.ResourceAuthorizedForPipeline" }, signal("pipeline-resource-authorized", "cd", "medium")],
    ["pipeline modified", { actionId: "Pipelines.PipelineModified" }, signal("pipeline-modified", "cd", "low")],
    ["classic release pipeline modified", { actionId: "Release.ReleasePipelineModified" }, signal("pipeline-modified", "cd", "low")],
    ["approval check removed from an environment", { actionId: "CheckConfiguration.Deleted" }, signal("check-removed", "cd", "high")],
    ["approval check changed", { actionId: "CheckConfiguration.Updated" }, signal("check-modified", "cd", "medium")],
    ["deployment approved", { actionId: "Release.ApprovalCompleted" }, signal("deployment-approved", "cd", "info")],
    ["deployment job ran (routine)", { actionId: "Pipelines.DeploymentJobCompleted" }, null],
    ["audit stream deleted", { actionId: "AuditLog.StreamDeleted" }, signal("audit-stream-disabled", "operate", "high")],
    ["audit stream disabled by a user", { actionId: "AuditLog.StreamDisabledByUser" }, signal("audit-stream-disabled", "operate", "high")],
    ["project made public", { actionId: "Project.UpdateVisibilityCompleted", data: { PreviousProjectVisibility: "Private", ProjectVisibility: "Public" } }, signal("project-visibility-changed", "operate", "high")],
    ["project made private", { actionId: "Project.UpdateVisibilityCompleted", data: { PreviousProjectVisibility: "Public", ProjectVisibility: "Private" } }, signal("project-visibility-changed", "operate", "low")],
    ["public project created", { actionId: "Project.CreateCompleted", data: { ProjectVisibility: "Public" } }, signal("public-project-created", "operate", "high")],
    ["extension installed", { actionId: "Extension.Installed" }, signal("extension-installed", "operate", "medium")],
    ["organization policy changed", { actionId: "OrganizationPolicy.PolicyValueUpdated" }, signal("organization-policy-changed", "operate", "medium")],
    ["repository created (inventory, not posture)", { actionId: "Git.RepositoryCreated" }, null],
    ["licence changed", { actionId: "Licensing.Modified" }, null],
    ["an action Rampart has never seen", { actionId: "Boards.SomethingNew" }, null],
  ];

  it.each(cases)("%s", (_scenario, entry, expected) => {
    expect(classifyAuditEntry(entry)).toEqual(expected);
  });

  it("lists the actions behind a signal for controls that query by action", () => {
    expect(actionsForSignal("branch-policy-bypassed")).toEqual(["Git.RefUpdatePoliciesBypassed"]);
    expect(actionsForSignal("check-modified")).toEqual(["CheckConfiguration.", "Checks.Check"]);
  });
});
