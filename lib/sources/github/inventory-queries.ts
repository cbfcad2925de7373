// GraphQL queries for an org's inventory. Page sizes keep each query far under GitHub's limits:
// repositories(50) × (branchProtectionRules(10) + rulesets(10) × rules(20)) ≈ 10,600 nodes of
// the 500,000 allowed, and a cost of 1–2 points.

export const REPOSITORIES_QUERY = /* GraphQL */ `
  query RampartRepositories($login: String!, $after: String) {
    organization(login: $login) {
      id
      databaseId
      login
      name
      repositories(first: 50, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          databaseId
          name
          nameWithOwner
          description
          isArchived
          isFork
          visibility
          createdAt
          updatedAt
          pushedAt
          url
          primaryLanguage { name }
          defaultBranchRef { name }
          hasVulnerabilityAlertsEnabled
          branchProtectionRules(first: 10) {
            nodes {
              pattern
              requiresApprovingReviews
              requiredApprovingReviewCount
              requiresCodeOwnerReviews
              dismissesStaleReviews
              requiresStatusChecks
              requiredStatusCheckContexts
              requiresStrictStatusChecks
              requiresCommitSignatures
              requiresLinearHistory
              isAdminEnforced
              allowsForcePushes
              allowsDeletions
            }
          }
          rulesets(first: 10) {
            nodes {
              databaseId
              name
              enforcement
              target
              rules(first: 20) {
                nodes {
                  type
                  parameters {
                    ... on PullRequestParameters { requiredApprovingReviewCount requireCodeOwnerReview dismissStaleReviewsOnPush }
                  }
                }
              }
            }
          }
        }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

export const TEAMS_QUERY = /* GraphQL */ `
  query RampartTeams($login: String!, $after: String) {
    organization(login: $login) {
      teams(first: 20, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          databaseId
          slug
          name
          description
          privacy
          parentTeam { slug }
          members(first: 100, membership: IMMEDIATE) {
            pageInfo { hasNextPage endCursor }
            edges { role node { login } }
          }
          repositories(first: 100) {
            pageInfo { hasNextPage endCursor }
            edges { permission node { databaseId } }
          }
        }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

export const MEMBERS_QUERY = /* GraphQL */ `
  query RampartMembers($login: String!, $after: String) {
    organization(login: $login) {
      membersWithRole(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { role node { login name } }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;

export const EXTERNAL_IDENTITIES_QUERY = /* GraphQL */ `
  query RampartExternalIdentities($login: String!, $after: String) {
    organization(login: $login) {
      samlIdentityProvider {
        externalIdentities(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { samlIdentity { nameId } user { login } }
        }
      }
    }
    rateLimit { cost remaining resetAt }
  }
`;
