// Response schemas of the inventory and posture APIs: only the fields Rampart reads are
// checked, everything else passes through (the service adds fields between versions).
import { z } from "zod";

export const ListSchema = <T extends z.ZodType>(item: T) => z.looseObject({ count: z.number().optional(), value: z.array(item) });

export const ProjectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  visibility: z.string().optional(),
  state: z.string().optional(),
});

export const GitRepositorySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  project: z.looseObject({ id: z.string(), name: z.string() }),
  /** Absent on an empty repository. */
  defaultBranch: z.string().nullish(),
  webUrl: z.string().nullish(),
  isDisabled: z.boolean().nullish(),
});

const ScopeSchema = z.looseObject({
  refName: z.string().nullish(),
  matchKind: z.string().nullish(),
  repositoryId: z.string().nullish(),
});

export const PolicyConfigurationSchema = z.looseObject({
  id: z.number(),
  isEnabled: z.boolean(),
  isBlocking: z.boolean(),
  isDeleted: z.boolean().optional(),
  type: z.looseObject({ id: z.string(), displayName: z.string().optional() }),
  settings: z.looseObject({
    scope: z.array(ScopeSchema).optional(),
    minimumApproverCount: z.number().optional(),
    creatorVoteCounts: z.boolean().optional(),
    resetOnSourcePush: z.boolean().optional(),
    resetRejectionsOnSourcePush: z.boolean().optional(),
    requiredReviewerIds: z.array(z.string()).optional(),
    filenamePatterns: z.array(z.string()).nullish(),
    buildDefinitionId: z.number().optional(),
    displayName: z.string().nullish(),
    manualQueueOnly: z.boolean().optional(),
    validDuration: z.number().optional(),
  }),
});

export const BuildDefinitionSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  path: z.string().optional(),
  queueStatus: z.string().optional(),
  process: z.looseObject({ yamlFilename: z.string().optional(), type: z.number().optional() }).nullish(),
  repository: z.looseObject({ id: z.string(), type: z.string().optional() }).nullish(),
});

export const EnvironmentSchema = z.looseObject({ id: z.number(), name: z.string() });

export const DeploymentRecordSchema = z.looseObject({
  environmentId: z.number().optional(),
  definition: z.looseObject({ id: z.number() }).nullish(),
});

export const CheckConfigurationSchema = z.looseObject({
  id: z.number(),
  type: z.looseObject({ id: z.string(), name: z.string() }),
  resource: z.looseObject({ type: z.string(), id: z.string() }).optional(),
  settings: z
    .looseObject({
      approvers: z.array(z.looseObject({ id: z.string().optional(), displayName: z.string().optional() })).optional(),
      minRequiredApprovers: z.number().optional(),
      requesterCannotBeApprover: z.boolean().optional(),
      displayName: z.string().optional(),
      definitionRef: z.looseObject({ name: z.string().optional() }).optional(),
    })
    .optional(),
});

export const AccessControlListSchema = z.looseObject({
  token: z.string(),
  inheritPermissions: z.boolean().optional(),
  acesDictionary: z.record(z.string(), z.looseObject({ descriptor: z.string(), allow: z.number(), deny: z.number() })),
});

export const GraphGroupSchema = z.looseObject({
  descriptor: z.string(),
  displayName: z.string(),
  description: z.string().nullish(),
  principalName: z.string().nullish(),
  origin: z.string(),
  originId: z.string().nullish(),
  domain: z.string().nullish(),
});

export type AdoProjectPayload = z.infer<typeof ProjectSchema>;
export type GitRepositoryPayload = z.infer<typeof GitRepositorySchema>;
export type PolicyConfigurationPayload = z.infer<typeof PolicyConfigurationSchema>;
export type BuildDefinitionPayload = z.infer<typeof BuildDefinitionSchema>;
export type CheckConfigurationPayload = z.infer<typeof CheckConfigurationSchema>;
export type AccessControlListPayload = z.infer<typeof AccessControlListSchema>;
export type GraphGroupPayload = z.infer<typeof GraphGroupSchema>;
