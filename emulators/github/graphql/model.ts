// The objects resolvers pass down the tree: one tagged source per GraphQL type the emulator
// resolves, pointing into the world instead of copying it, so a mutation between two pages is
// seen exactly as GitHub's clients would see it.
import { nodeId, type GitHubUser, type Organization, type Repository, type Ruleset, type Team } from "../../world/github";

/** GitHub's legacy global id for a type and database id (the form the world's ids use). */
export const nodeIdOf = nodeId;

export type Source =
  | { __typename: "Organization"; org: Organization }
  | { __typename: "Repository"; org: Organization; repo: Repository }
  | { __typename: "Team"; org: Organization; team: Team }
  | { __typename: "User"; user: GitHubUser }
  | { __typename: "BranchProtectionRule"; org: Organization; repo: Repository }
  | { __typename: "RepositoryRuleset"; org: Organization; repo: Repository; ruleset: Ruleset }
  | { __typename: "RepositoryRule"; org: Organization; repo: Repository; ruleset: Ruleset; ruleIndex: number }
  | { __typename: "OrganizationIdentityProvider"; org: Organization }
  | { __typename: "ExternalIdentity"; org: Organization; memberIndex: number }
  | { __typename: "ExternalIdentitySamlAttributes"; org: Organization; memberIndex: number }
  | { __typename: "Language"; name: string }
  | { __typename: "Ref"; org: Organization; repo: Repository }
  | { __typename: "RateLimit" };

export type TypeName = Source["__typename"];
export type SourceOf<T extends TypeName> = Extract<Source, { __typename: T }>;

/** GitHub's DateTime: ISO 8601 in UTC, whole seconds ("2026-11-01T00:00:00Z"). */
export function dateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The public web URL of a path on github.com (GitHub's `url` fields point at the site, not the API). */
export function webUrl(path: string): string {
  return `https://github.com/${path}`;
}

/** Decodes a legacy global node id ("04:User1" in base64) into its type and database id. */
export function parseNodeId(id: string): { type: string; id: number } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const match = /^0(\d+):([A-Za-z]+)(\d+)$/.exec(Buffer.from(id, "base64").toString("utf8"));
  if (!match || Number(match[1]) !== match[2]!.length) return undefined;
  return { type: match[2]!, id: Number(match[3]) };
}
