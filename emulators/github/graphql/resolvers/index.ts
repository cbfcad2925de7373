// Every type the emulator resolves, by GraphQL type name.
import type { ResolverMap } from "../request-context";
import { externalIdentityResolvers, identityProviderResolvers, samlAttributesResolvers } from "./identity";
import { organizationResolvers } from "./organization";
import { branchProtectionRuleResolvers, ruleResolvers, rulesetResolvers } from "./protection";
import { queryResolvers, rateLimitResolvers } from "./query";
import { languageResolvers, refResolvers, repositoryResolvers } from "./repository";
import { teamResolvers } from "./team";
import { userResolvers } from "./user";

export const resolvers: ResolverMap = {
  Query: queryResolvers,
  RateLimit: rateLimitResolvers,
  Organization: organizationResolvers,
  Repository: repositoryResolvers,
  Ref: refResolvers,
  Language: languageResolvers,
  BranchProtectionRule: branchProtectionRuleResolvers,
  RepositoryRuleset: rulesetResolvers,
  RepositoryRule: ruleResolvers,
  Team: teamResolvers,
  User: userResolvers,
  OrganizationIdentityProvider: identityProviderResolvers,
  ExternalIdentity: externalIdentityResolvers,
  ExternalIdentitySamlAttributes: samlAttributesResolvers,
};
