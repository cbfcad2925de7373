// Git namespace ACLs → what each security group may do in one repository. Permissions are
// decided bit by bit at the most specific token that sets them (repository, then project, then
// every repository of the org), and stop climbing where an ACL does not inherit; within one
// entry a deny beats an allow. Group membership is not expanded: evidence names the groups the
// ACLs name.
import type { AccessControlListPayload, GraphGroupPayload } from "./inventory-schemas";

export const GIT_PERMISSION = {
  Administer: 1,
  GenericRead: 2,
  GenericContribute: 4,
  ForcePush: 8,
  PolicyExempt: 128,
  EditPolicies: 2048,
  ManagePermissions: 8192,
  PullRequestBypassPolicy: 32768,
} as const;

const BITS = Array.from({ length: 16 }, (_, i) => 1 << i);

/** Tokens from the repository up to the org: the order in which explicit settings win. */
function tokenChain(projectId: string, repositoryId: string): string[] {
  return [`repov2/${projectId}/${repositoryId}`, `repov2/${projectId}`, "repov2"].map((t) => t.toLowerCase());
}

/** Effective allow bits of every descriptor with an entry on the repository's token chain. */
export function effectiveGitPermissions(acls: AccessControlListPayload[], projectId: string, repositoryId: string): Map<string, number> {
  const byToken = new Map(acls.map((acl) => [acl.token.toLowerCase(), acl]));
  const chain = tokenChain(projectId, repositoryId).flatMap((t) => (byToken.has(t) ? [byToken.get(t)!] : []));
  const descriptors = new Set(chain.flatMap((acl) => Object.values(acl.acesDictionary).map((ace) => ace.descriptor)));
  const effective = new Map<string, number>();
  for (const descriptor of descriptors) {
    let allowed = 0;
    for (const bit of BITS) {
      for (const acl of chain) {
        const ace = acl.acesDictionary[descriptor];
        if (ace && ace.deny & bit) break;
        if (ace && ace.allow & bit) {
          allowed |= bit;
          break;
        }
        if (acl.inheritPermissions === false) break;
      }
    }
    effective.set(descriptor, allowed);
  }
  return effective;
}

/** GitHub's permission names, which team_repository uses for every source. */
export function teamPermissionOf(bits: number): "admin" | "maintain" | "push" | "pull" | null {
  if (bits & (GIT_PERMISSION.Administer | GIT_PERMISSION.ManagePermissions)) return "admin";
  if (bits & GIT_PERMISSION.EditPolicies) return "maintain";
  if (bits & GIT_PERMISSION.GenericContribute) return "push";
  if (bits & GIT_PERMISSION.GenericRead) return "pull";
  return null;
}

export interface GroupDirectory {
  /** Graph group by the SID its ACL descriptor carries. */
  bySid: Map<string, GraphGroupPayload>;
}

/** Graph subject descriptors ("vssgp.", "aadgp.") carry the group's SID, base64url-encoded. */
export function groupDirectory(groups: GraphGroupPayload[]): GroupDirectory {
  const bySid = new Map<string, GraphGroupPayload>();
  for (const group of groups) {
    const encoded = group.descriptor.split(".")[1];
    if (encoded) bySid.set(Buffer.from(encoded, "base64url").toString("utf8").toUpperCase(), group);
  }
  return { bySid };
}

/** The Graph group an ACL descriptor ("Microsoft.TeamFoundation.Identity;S-1-9-…") names, if any. */
export function groupOf(directory: GroupDirectory, aclDescriptor: string): GraphGroupPayload | undefined {
  const sid = aclDescriptor.split(";")[1];
  return sid ? directory.bySid.get(sid.toUpperCase()) : undefined;
}

export interface BypassEvidence {
  /** Groups that may bypass branch policies, on push ("PolicyExempt") and/or on PR completion. */
  policyBypassGroups: { descriptor: string; name: string; onPush: boolean; onPullRequest: boolean }[];
  /** The project's Contributors group may bypass policies either way. */
  contributorsCanBypass: boolean;
}

/** Who may bypass the repository's branch policies, from its effective permissions. */
export function mapBypass(effective: Map<string, number>, directory: GroupDirectory): BypassEvidence {
  const policyBypassGroups: BypassEvidence["policyBypassGroups"] = [];
  for (const [aclDescriptor, bits] of effective) {
    const onPush = (bits & GIT_PERMISSION.PolicyExempt) !== 0;
    const onPullRequest = (bits & GIT_PERMISSION.PullRequestBypassPolicy) !== 0;
    if (!onPush && !onPullRequest) continue;
    const group = groupOf(directory, aclDescriptor);
    policyBypassGroups.push({ descriptor: group?.descriptor ?? aclDescriptor, name: group?.principalName ?? group?.displayName ?? aclDescriptor, onPush, onPullRequest });
  }
  policyBypassGroups.sort((a, b) => a.name.localeCompare(b.name));
  return {
    policyBypassGroups,
    contributorsCanBypass: policyBypassGroups.some((g) => /(^|\\)Contributors$/.test(g.name)),
  };
}
