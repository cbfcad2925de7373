// Which audit entries are posture signals: a pure classifier from an entry's action id (and,
// where the action alone does not say how serious it is, its data bag) to a named signal with
// its lifecycle stage and severity. Controls ("no branch-policy bypasses in 30 days") and the
// audit timeline read signals through this module, so a rule change needs no re-ingestion:
// entries are stored whether or not they classify (audit_event has no signal columns).
//
// Stage: delivery-path configuration (service connections, pipelines, checks, approvals) is
// CD; everything about who may do what and whether guard rails hold (policy bypass, tokens,
// permissions, groups, audit streams, visibility, extensions) is operate, as ARCHITECTURE.md's
// stage table puts "audit anomalies".

export type AuditSignalStage = "cd" | "operate";
export type AuditSignalSeverity = "critical" | "high" | "medium" | "low" | "info";

export interface AuditSignal {
  signal: string;
  stage: AuditSignalStage;
  severity: AuditSignalSeverity;
}

export interface ClassifiableEntry {
  actionId: string;
  data?: Record<string, unknown> | null;
}

type Rule = {
  /** Exact action ids, or prefixes ending in "." (a whole family, e.g. "CheckConfiguration."). */
  actions: string[];
  signal: string;
  stage: AuditSignalStage;
  severity: AuditSignalSeverity | ((data: Record<string, unknown>) => AuditSignalSeverity);
  /** When present, the entry is a signal only if this holds. */
  when?: (data: Record<string, unknown>) => boolean;
};

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Permissions whose grant lets someone get past review or change who may (branch policy, ACLs). */
const PRIVILEGED_PERMISSION = /bypass|force push|manage permissions|edit policies|administer/i;
/** Groups whose members administer a project or the whole organization. */
const ADMIN_GROUP = /administrators|project collection/i;

/** A project's visibility after the change, where the data bag names it. */
function newVisibility(data: Record<string, unknown>): string {
  return text(data.ProjectVisibility ?? data.NewProjectVisibility ?? data.Visibility).toLowerCase();
}

const RULES: Rule[] = [
  // Branch policies: bypassing or removing them is what a "no bypasses" control counts.
  { actions: ["Git.RefUpdatePoliciesBypassed"], signal: "branch-policy-bypassed", stage: "operate", severity: "high" },
  { actions: ["Policy.PolicyConfigRemoved"], signal: "branch-policy-removed", stage: "operate", severity: "high" },
  { actions: ["Policy.PolicyConfigModified"], signal: "branch-policy-modified", stage: "operate", severity: "medium" },
  // A new policy strengthens posture; it is a signal (evidence for the timeline), not a risk.
  { actions: ["Policy.PolicyConfigCreated"], signal: "branch-policy-created", stage: "operate", severity: "info" },

  // Credentials outside Entra: long-lived tokens and keys.
  { actions: ["Token.PatPublicDiscoveryEvent"], signal: "pat-leaked", stage: "operate", severity: "critical" },
  { actions: ["Token.PatCreateEvent"], signal: "pat-created", stage: "operate", severity: "medium" },
  { actions: ["Token.PatUpdateEvent"], signal: "pat-modified", stage: "operate", severity: "low" },
  { actions: ["Token.SshCreateEvent"], signal: "ssh-key-created", stage: "operate", severity: "medium" },

  // Permissions and ACLs: a privileged grant set to Allow is serious, any other change is worth a look.
  {
    actions: ["Security.ModifyPermission", "Security.ResetPermission", "Security.RemovePermission", "Security.ModifyAccessControlLists", "Security.ResetAccessControlLists", "Security.RemoveAccessControlLists", "Security.RemoveIdentityACEs", "Security.RemoveAllAccessControlLists"],
    signal: "permission-changed",
    stage: "operate",
    severity: (data) => (PRIVILEGED_PERMISSION.test(text(data.ChangedPermission)) && /^allow/i.test(text(data.PermissionModifiedTo)) ? "high" : "medium"),
  },
  {
    actions: ["Group.UpdateGroupMembership.Add", "Group.UpdateGroupMembership"],
    signal: "group-member-added",
    stage: "operate",
    severity: (data) => (ADMIN_GROUP.test(text(data.GroupName)) ? "high" : "medium"),
  },
  { actions: ["Group.UpdateGroupMembership.Remove"], signal: "group-member-removed", stage: "operate", severity: "low" },
  { actions: ["Group.CreateGroups", "Group.UpdateGroups."], signal: "group-changed", stage: "operate", severity: "low" },

  // Service connections: the delivery path's keys to the cloud.
  { actions: ["Library.ServiceConnectionShared", "Library.ServiceConnectionSharedWithMultipleProjects"], signal: "service-connection-shared", stage: "cd", severity: "high" },
  { actions: ["Library.ServiceConnectionCreated", "Library.ServiceConnectionCreatedForMultipleProjects"], signal: "service-connection-created", stage: "cd", severity: "medium" },
  {
    actions: ["Library.ServiceConnectionModified", "Library.ServiceConnectionForProjectModified", "Library.ServiceConnectionPropertyChanged"],
    signal: "service-connection-modified",
    stage: "cd",
    severity: "medium",
  },
  { actions: ["Library.ServiceConnectionDeleted", "Library.ServiceConnectionDeletedFromMultipleProjects"], signal: "service-connection-deleted", stage: "cd", severity: "low" },

  // Pipelines, checks and approvals: who may deploy what, and what gates it.
  { actions: ["Pipelines.ResourceAuthorizedForProject"], signal: "pipeline-resource-opened", stage: "cd", severity: "high" },
  { actions: ["Pipelines.ResourceAuthorizedForPipeline"], signal: "pipeline-resource-authorized", stage: "cd", severity: "medium" },
  {
    actions: ["Pipelines.PipelineCreated", "Pipelines.PipelineModified", "Pipelines.PipelineDeleted", "Release.ReleasePipelineCreated", "Release.ReleasePipelineModified", "Release.ReleasePipelineDeleted"],
    signal: "pipeline-modified",
    stage: "cd",
    severity: "low",
  },
  { actions: ["Pipelines.ProjectSettings", "Pipelines.OrganizationSettings"], signal: "pipeline-settings-modified", stage: "cd", severity: "medium" },
  { actions: ["CheckConfiguration.Deleted", "Checks.CheckDeleted"], signal: "check-removed", stage: "cd", severity: "high" },
  { actions: ["CheckConfiguration.", "Checks.Check"], signal: "check-modified", stage: "cd", severity: "medium" },
  // A completed approval is evidence that deployments are gated.
  { actions: ["Release.ApprovalCompleted", "Release.ApprovalsCompleted"], signal: "deployment-approved", stage: "cd", severity: "info" },

  // The audit trail itself.
  { actions: ["AuditLog.StreamDeleted", "AuditLog.StreamDisabledByUser", "AuditLog.StreamDisabledBySystem"], signal: "audit-stream-disabled", stage: "operate", severity: "high" },

  // Exposure of code and the organization's surface.
  {
    actions: ["Project.UpdateVisibilityCompleted"],
    signal: "project-visibility-changed",
    stage: "operate",
    severity: (data) => {
      const visibility = newVisibility(data);
      return visibility === "public" ? "high" : visibility === "private" ? "low" : "medium";
    },
  },
  {
    actions: ["Project.CreateCompleted"],
    signal: "public-project-created",
    stage: "operate",
    severity: "high",
    when: (data) => text(data.ProjectVisibility).toLowerCase() === "public",
  },
  { actions: ["Extension.Installed"], signal: "extension-installed", stage: "operate", severity: "medium" },
  { actions: ["OrganizationPolicy.PolicyValueUpdated", "OrganizationPolicy.EnforcePolicyChanged"], signal: "organization-policy-changed", stage: "operate", severity: "medium" },
];

function matches(rule: Rule, actionId: string): boolean {
  return rule.actions.some((action) => (action.endsWith(".") ? actionId.startsWith(action) : action === actionId));
}

/** The posture signal an audit entry raises, or null when it is not security-relevant. */
export function classifyAuditEntry(entry: ClassifiableEntry): AuditSignal | null {
  const data = entry.data ?? {};
  // Exact ids before families, so "CheckConfiguration.Deleted" is not swallowed by "CheckConfiguration.".
  const rule = RULES.find((r) => r.actions.includes(entry.actionId)) ?? RULES.find((r) => matches(r, entry.actionId));
  if (!rule || (rule.when && !rule.when(data))) return null;
  return { signal: rule.signal, stage: rule.stage, severity: typeof rule.severity === "function" ? rule.severity(data) : rule.severity };
}

/** The action ids (and "Prefix." families) that can raise `signal`: for controls that query audit_event by action. */
export function actionsForSignal(signal: string): string[] {
  return RULES.filter((r) => r.signal === signal).flatMap((r) => r.actions);
}
