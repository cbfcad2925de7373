// The org's SAML identity provider (Entra ID): one linked external identity per member, whose
// NameID is the member's Entra UPN. Rampart maps GitHub logins to Entra users through these.
import type { GraphQLResolveInfo } from "graphql";
import { Rng } from "../../../core/random";
import type { World } from "../../../world/world";
import type { Organization } from "../../../world/github";
import { nodeIdOf } from "../model";
import { paginate, type Entry, type PageArgs } from "../pagination";
import { str, type Args, type TypeResolvers } from "../request-context";
import { memberUser, orgSource, userSource } from "./sources";

function externalIdentities(world: World, org: Organization, args: Args, info: GraphQLResolveInfo) {
  const login = str(args.login)?.toLowerCase();
  const userName = str(args.userName)?.toLowerCase();
  const entries: Entry[] = org.members.flatMap((member, memberIndex) => {
    const user = memberUser(world, org, memberIndex);
    if ((login && user.login.toLowerCase() !== login) || (userName && user.upn.toLowerCase() !== userName)) return [];
    return [{ key: [member.userIndex], node: { __typename: "ExternalIdentity" as const, org, memberIndex } }];
  });
  return paginate(entries, args as PageArgs, info);
}

export const identityProviderResolvers: TypeResolvers<"OrganizationIdentityProvider"> = {
  id: ({ org }) => nodeIdOf("OrganizationIdentityProvider", org.id),
  ssoUrl: (_s, _a, ctx) => `https://login.microsoftonline.com/${ctx.world.entra.tenantId}/saml2`,
  issuer: (_s, _a, ctx) => `https://sts.windows.net/${ctx.world.entra.tenantId}/`,
  digestMethod: () => "http://www.w3.org/2001/04/xmlenc#sha256",
  signatureMethod: () => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  organization: ({ org }) => orgSource(org),
  externalIdentities: ({ org }, args, ctx, info) => externalIdentities(ctx.world, org, args, info),
};

export const externalIdentityResolvers: TypeResolvers<"ExternalIdentity"> = {
  id: ({ org, memberIndex }) => nodeIdOf("ExternalIdentity", org.id * 100_000 + memberIndex),
  guid: ({ org, memberIndex }, _a, ctx) => Rng.of(ctx.world.seed, "external-identity", org.index, org.members[memberIndex]!.userIndex).uuid(),
  samlIdentity: ({ org, memberIndex }) => ({ __typename: "ExternalIdentitySamlAttributes", org, memberIndex }),
  scimIdentity: () => null,
  organizationInvitation: () => null,
  user: ({ org, memberIndex }, _a, ctx) => userSource(memberUser(ctx.world, org, memberIndex)),
};

export const samlAttributesResolvers: TypeResolvers<"ExternalIdentitySamlAttributes"> = {
  nameId: ({ org, memberIndex }, _a, ctx) => memberUser(ctx.world, org, memberIndex).upn,
  username: ({ org, memberIndex }, _a, ctx) => memberUser(ctx.world, org, memberIndex).upn,
  givenName: ({ org, memberIndex }, _a, ctx) => memberUser(ctx.world, org, memberIndex).name.split(" ")[0] ?? null,
  familyName: ({ org, memberIndex }, _a, ctx) => memberUser(ctx.world, org, memberIndex).name.split(" ").slice(1).join(" ") || null,
  emails: ({ org, memberIndex }, _a, ctx) => [{ primary: true, type: "work", value: memberUser(ctx.world, org, memberIndex).upn }],
  groups: () => null,
  attributes: ({ org, memberIndex }, _a, ctx) => {
    const user = memberUser(ctx.world, org, memberIndex);
    return [
      { name: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", value: user.upn, metadata: null },
      { name: "http://schemas.microsoft.com/identity/claims/displayname", value: user.name, metadata: null },
    ];
  },
};
