// What Rampart reads from Microsoft.Security, as the REST API returns it (not the SDK's
// flattened models, so saved API responses import through the same mappers). Liberal on
// purpose: unknown fields pass, optional fields may be missing or null, enum-like strings are
// plain strings (the mappers decide what an unknown value means and say so).
import { z } from "zod";

/** ARM times carry up to seven fractional digits ("2021-04-12T09:07:18.6759138Z"). */
export const armTimestamp = z.string().refine((s) => Number.isFinite(Date.parse(s)), "not a timestamp");
const text = z.string().nullish();

export const ArmPageSchema = z.object({ value: z.array(z.unknown()), nextLink: z.string().nullish() }).passthrough();
export type ArmPage = z.infer<typeof ArmPageSchema>;

export const AssessmentMetadataPropertiesSchema = z
  .object({
    displayName: text,
    description: text,
    remediationDescription: text,
    categories: z.array(z.string()).nullish(),
    severity: text,
    userImpact: text,
    implementationEffort: text,
    threats: z.array(z.string()).nullish(),
    assessmentType: text,
    policyDefinitionId: text,
    preview: z.boolean().nullish(),
  })
  .passthrough();

export const AssessmentMetadataSchema = z.object({ id: text, name: z.string(), type: text, properties: AssessmentMetadataPropertiesSchema }).passthrough();

export const AssessmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: text,
    properties: z
      .object({
        resourceDetails: z.object({ source: text, id: text, Source: text, Id: text }).passthrough().nullish(),
        displayName: text,
        status: z
          .object({ code: z.string(), cause: text, description: text, firstEvaluationDate: armTimestamp.nullish(), statusChangeDate: armTimestamp.nullish() })
          .passthrough(),
        additionalData: z.record(z.string(), z.unknown()).nullish(),
        links: z.object({ azurePortalUri: text }).passthrough().nullish(),
        metadata: AssessmentMetadataPropertiesSchema.nullish(),
      })
      .passthrough(),
  })
  .passthrough();

const cvssVersion = z.object({ base: z.number().nullish() }).passthrough();

export const SubAssessmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: text,
    properties: z
      .object({
        id: text,
        displayName: text,
        status: z.object({ code: z.string(), severity: text, cause: text, description: text }).passthrough(),
        remediation: text,
        impact: text,
        category: text,
        description: text,
        timeGenerated: armTimestamp.nullish(),
        resourceDetails: z.object({ source: text, id: text }).passthrough().nullish(),
        additionalData: z
          .object({
            assessedResourceType: text,
            type: text,
            cvss: z.record(z.string(), cvssVersion).nullish(),
            cve: z.array(z.object({ title: text, link: text }).passthrough()).nullish(),
            patchable: z.boolean().nullish(),
            imageDigest: text,
            repositoryName: text,
            query: text,
          })
          .passthrough()
          .nullish(),
      })
      .passthrough(),
  })
  .passthrough();

export const AlertSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: text,
    properties: z
      .object({
        alertType: text,
        systemAlertId: text,
        alertDisplayName: text,
        description: text,
        severity: text,
        status: text,
        intent: text,
        startTimeUtc: armTimestamp.nullish(),
        endTimeUtc: armTimestamp.nullish(),
        timeGeneratedUtc: armTimestamp.nullish(),
        processingEndTimeUtc: armTimestamp.nullish(),
        resourceIdentifiers: z.array(z.object({ type: text, azureResourceId: text }).passthrough()).nullish(),
        compromisedEntity: text,
        alertUri: text,
        productName: text,
        productComponentName: text,
        remediationSteps: z.array(z.string()).nullish(),
        techniques: z.array(z.string()).nullish(),
        subTechniques: z.array(z.string()).nullish(),
        isIncident: z.boolean().nullish(),
      })
      .passthrough(),
  })
  .passthrough();

const scoreDetails = z.object({ max: z.number(), current: z.number(), percentage: z.number().nullish() }).passthrough();

export const SecureScoreSchema = z
  .object({ id: text, name: z.string(), type: text, properties: z.object({ displayName: text, score: scoreDetails, weight: z.number().nullish() }).passthrough() })
  .passthrough();

export const SecureScoreControlSchema = z
  .object({
    id: text,
    name: z.string(),
    type: text,
    properties: z
      .object({
        displayName: text,
        score: scoreDetails,
        healthyResourceCount: z.number().nullish(),
        unhealthyResourceCount: z.number().nullish(),
        notApplicableResourceCount: z.number().nullish(),
        weight: z.number().nullish(),
      })
      .passthrough(),
  })
  .passthrough();

export const SecurityConnectorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: text,
    location: text,
    properties: z
      .object({ hierarchyIdentifier: text, environmentName: text, environmentData: z.object({ environmentType: text }).passthrough().nullish(), offerings: z.array(z.unknown()).nullish() })
      .passthrough(),
  })
  .passthrough();

/** Any resource of the DevOps inventory (owners, orgs, projects, repositories). */
export const DevOpsResourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    properties: z
      .object({
        provisioningState: text,
        onboardingState: text,
        repoId: text,
        repoName: text,
        repoFullName: text,
        repoUrl: text,
        parentOwnerName: text,
        parentOrgName: text,
        parentProjectName: text,
        projectId: text,
        ownerUrl: text,
        gitHubInternalId: text,
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type AssessmentMetadata = z.infer<typeof AssessmentMetadataSchema>;
export type AssessmentMetadataProperties = z.infer<typeof AssessmentMetadataPropertiesSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type SubAssessment = z.infer<typeof SubAssessmentSchema>;
export type Alert = z.infer<typeof AlertSchema>;
export type SecureScore = z.infer<typeof SecureScoreSchema>;
export type SecureScoreControl = z.infer<typeof SecureScoreControlSchema>;
export type SecurityConnector = z.infer<typeof SecurityConnectorSchema>;
export type DevOpsResource = z.infer<typeof DevOpsResourceSchema>;
