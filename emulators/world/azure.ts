// Azure side of the world: subscriptions → resources → Defender for Cloud assessments,
// sub-assessments (per-CVE findings), alerts, secure score and its controls.
import { Rng } from "../core/random";
import type { Scale } from "./scale";

const DAY = 86_400_000;

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
}

export interface CloudResource {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  type: string;
  name: string;
  location: string;
  /** "repo" tag: full name of the GitHub/ADO repository that deploys it, when known. */
  repoTag: string | null;
}

export interface AssessmentMetadata {
  name: string;
  displayName: string;
  severity: "High" | "Medium" | "Low";
  category: "Compute" | "Networking" | "Data" | "IdentityAndAccess" | "IoT" | "Container";
  resourceType: string;
  description: string;
  remediation: string;
  userImpact: "Low" | "Moderate" | "High";
  implementationEffort: "Low" | "Moderate" | "High";
  threats: string[];
  /** Control (secure score) it counts towards. */
  controlName: string;
  /** Whether it produces per-finding sub-assessments (vulnerability findings). */
  hasSubAssessments: boolean;
}

export interface Assessment {
  /** Index into the metadata catalog. */
  metadataIndex: number;
  resourceIndex: number;
  status: "Healthy" | "Unhealthy" | "NotApplicable";
  firstEvaluationDate: number;
  statusChangeDate: number;
}

export interface SubAssessment {
  id: string;
  assessmentIndex: number;
  cve: string;
  title: string;
  severity: "High" | "Medium" | "Low";
  status: "Healthy" | "Unhealthy";
  patchable: boolean;
  imageDigest: string;
  repositoryName: string;
  timeGenerated: number;
}

export interface SecurityAlert {
  name: string;
  subscriptionId: string;
  location: string;
  resourceIndex: number;
  alertType: string;
  displayName: string;
  severity: "High" | "Medium" | "Low" | "Informational";
  status: "Active" | "Resolved" | "Dismissed" | "InProgress";
  intent: string;
  startTime: number;
  endTime: number;
  timeGenerated: number;
  description: string;
  remediationSteps: string[];
}

export interface SubscriptionWorld extends Subscription {
  resources: CloudResource[];
  assessments: Assessment[];
  subAssessments: SubAssessment[];
  alerts: SecurityAlert[];
}

const RESOURCE_TYPES = [
  "Microsoft.Compute/virtualMachines",
  "Microsoft.Storage/storageAccounts",
  "Microsoft.ContainerService/managedClusters",
  "Microsoft.ContainerRegistry/registries",
  "Microsoft.KeyVault/vaults",
  "Microsoft.Sql/servers",
  "Microsoft.Web/sites",
] as const;

const METADATA_SEEDS: [string, AssessmentMetadata["severity"], AssessmentMetadata["category"], string, string, boolean][] = [
  ["Machines should have vulnerability findings resolved", "High", "Compute", "Microsoft.Compute/virtualMachines", "Remediate vulnerabilities in security configuration on your machines", true],
  ["System updates should be installed on your machines", "High", "Compute", "Microsoft.Compute/virtualMachines", "Apply system updates", false],
  ["Management ports of virtual machines should be protected with just-in-time network access control", "High", "Networking", "Microsoft.Compute/virtualMachines", "Enable JIT network access control", false],
  ["Endpoint protection should be installed on machines", "Medium", "Compute", "Microsoft.Compute/virtualMachines", "Enable endpoint protection", false],
  ["Storage accounts should restrict network access", "Low", "Networking", "Microsoft.Storage/storageAccounts", "Secure management ports", false],
  ["Secure transfer to storage accounts should be enabled", "High", "Data", "Microsoft.Storage/storageAccounts", "Encrypt data in transit", false],
  ["Storage account public access should be disallowed", "Medium", "Data", "Microsoft.Storage/storageAccounts", "Restrict unauthorized network access", false],
  ["Azure Kubernetes Service clusters should have Defender profile enabled", "High", "Container", "Microsoft.ContainerService/managedClusters", "Enable Defender plans", false],
  ["Kubernetes clusters should disable automounting API credentials", "High", "Container", "Microsoft.ContainerService/managedClusters", "Manage access and permissions", false],
  ["Running container images should have vulnerability findings resolved", "High", "Container", "Microsoft.ContainerService/managedClusters", "Remediate vulnerabilities", true],
  ["Azure registry container images should have vulnerabilities resolved", "High", "Container", "Microsoft.ContainerRegistry/registries", "Remediate vulnerabilities", true],
  ["Container registries should not allow unrestricted network access", "Medium", "Networking", "Microsoft.ContainerRegistry/registries", "Restrict unauthorized network access", false],
  ["Key vaults should have deletion protection enabled", "Medium", "Data", "Microsoft.KeyVault/vaults", "Enable encryption at rest", false],
  ["Azure Key Vault should use RBAC permission model", "Medium", "IdentityAndAccess", "Microsoft.KeyVault/vaults", "Manage access and permissions", false],
  ["SQL servers should have an Azure Active Directory administrator provisioned", "High", "IdentityAndAccess", "Microsoft.Sql/servers", "Manage access and permissions", false],
  ["SQL databases should have vulnerability findings resolved", "High", "Data", "Microsoft.Sql/servers", "Remediate vulnerabilities", true],
  ["App Service apps should only be accessible over HTTPS", "Medium", "Data", "Microsoft.Web/sites", "Encrypt data in transit", false],
  ["App Service apps should use the latest TLS version", "Medium", "Data", "Microsoft.Web/sites", "Encrypt data in transit", false],
  ["Managed identity should be used in App Service apps", "Medium", "IdentityAndAccess", "Microsoft.Web/sites", "Manage access and permissions", false],
  ["Code repositories should have secret scanning findings resolved", "High", "Data", "Microsoft.Compute/virtualMachines", "Remediate vulnerabilities", false],
];

export const SECURE_SCORE_CONTROLS = [
  "Remediate vulnerabilities", "Apply system updates", "Enable JIT network access control", "Enable endpoint protection",
  "Secure management ports", "Encrypt data in transit", "Restrict unauthorized network access", "Enable Defender plans",
  "Manage access and permissions", "Enable encryption at rest",
] as const;

const ALERT_TYPES: [string, string, SecurityAlert["severity"], string][] = [
  ["VM_SuspiciousCommandLine", "Suspicious command line detected", "High", "Execution"],
  ["VM_CryptoMinerProcess", "Digital currency mining related behavior detected", "High", "Impact"],
  ["Storage.Blob_AnonymousAccessAnomaly", "Unusual unauthenticated access to a storage container", "Medium", "Collection"],
  ["K8S_PrivilegedContainer", "Privileged container detected", "Low", "PrivilegeEscalation"],
  ["K8S.NODE_ReverseShell", "Reverse shell detected", "High", "Execution"],
  ["KV_UnusualAccess", "Unusual user accessed a key vault", "Medium", "CredentialAccess"],
  ["SQL.DB_BruteForce", "Suspected brute force attack on SQL Server", "High", "PreAttack"],
  ["AppServices_PhishingContent", "Phishing content hosted on Azure Web Apps", "Medium", "Collection"],
  ["ARM_AnomalousOperation.MI", "Unusual number of resource management operations", "Informational", "Discovery"],
];

/** The Defender assessment catalog (deterministic GUID names). */
export function assessmentCatalog(seed: number): AssessmentMetadata[] {
  return METADATA_SEEDS.map(([displayName, severity, category, resourceType, controlName, hasSubAssessments], i) => {
    const rng = Rng.of(seed, "assessment-metadata", i);
    const effort = rng.pick(["Low", "Moderate", "High"] as const);
    return {
      name: rng.uuid(),
      displayName,
      severity,
      category,
      resourceType,
      description: `${displayName}. Resources that do not meet this recommendation are exposed to attack.`,
      remediation: `Follow the steps in the recommendation "${displayName}" to remediate each unhealthy resource.`,
      userImpact: rng.pick(["Low", "Moderate", "High"] as const),
      implementationEffort: effort,
      threats: rng.bool(0.5) ? ["dataExfiltration", "accountBreach"] : ["maliciousInsider", "threatResistance"],
      controlName,
      hasSubAssessments,
    };
  });
}

function resourceName(type: string, rng: Rng, i: number): string {
  const stem = type.split("/")[1]!.replace(/[A-Z]/g, (c) => c.toLowerCase()).slice(0, 6);
  return `${stem}${rng.hex(6)}${i}`;
}

/** Builds the subscriptions with their resources, assessments, sub-assessments and alerts. */
export function buildAzureWorld(seed: number, scale: Scale, now: number, tenantId: string, repoNames: string[]): { catalog: AssessmentMetadata[]; subscriptions: SubscriptionWorld[] } {
  const catalog = assessmentCatalog(seed);
  const subscriptions = Array.from({ length: scale.subscriptions }, (_, s) => {
    const rng = Rng.of(seed, "subscription", s);
    const subscriptionId = rng.uuid();
    const resources: CloudResource[] = Array.from({ length: scale.resourcesPerSubscription }, (_, r) => {
      const rrng = Rng.of(seed, "resource", s, r);
      const type = RESOURCE_TYPES[r % RESOURCE_TYPES.length]!;
      const resourceGroup = `rg-${rrng.pick(["app", "data", "aks", "shared", "edge"])}-${rrng.pick(["prod", "dev", "test"])}`;
      const name = resourceName(type, rrng, r);
      return {
        id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`,
        subscriptionId,
        resourceGroup,
        type,
        name,
        location: rrng.pick(["westeurope", "northeurope", "eastus", "eastus2", "uksouth"]),
        repoTag: repoNames.length > 0 && rrng.bool(0.6) ? rrng.pick(repoNames) : null,
      };
    });
    const assessments: Assessment[] = [];
    resources.forEach((resource, resourceIndex) => {
      catalog.forEach((meta, metadataIndex) => {
        if (meta.resourceType !== resource.type) return;
        const arng = Rng.of(seed, "assessment", s, resourceIndex, metadataIndex);
        const first = now - arng.int(30, 400) * DAY;
        assessments.push({
          metadataIndex,
          resourceIndex,
          status: arng.weighted(["Healthy", "Unhealthy", "NotApplicable"] as const, [5, 4, 1]),
          firstEvaluationDate: first,
          statusChangeDate: first + arng.next() * (now - first),
        });
      });
    });
    const subAssessments: SubAssessment[] = [];
    assessments.forEach((assessment, assessmentIndex) => {
      if (!catalog[assessment.metadataIndex]!.hasSubAssessments || assessment.status !== "Unhealthy") return;
      const srng = Rng.of(seed, "sub-assessment", s, assessmentIndex);
      const count = srng.int(1, 6);
      for (let k = 0; k < count; k++) {
        subAssessments.push({
          id: srng.uuid(),
          assessmentIndex,
          cve: `CVE-${srng.int(2020, 2026)}-${srng.int(1000, 49999)}`,
          title: srng.pick(["openssl buffer overflow", "glibc privilege escalation", "curl heap overflow", "zlib memory corruption", "sudo heap-based overflow"]),
          severity: srng.weighted(["High", "Medium", "Low"] as const, [2, 3, 2]),
          status: "Unhealthy",
          patchable: srng.bool(0.7),
          imageDigest: `sha256:${srng.hex(64)}`,
          repositoryName: srng.pick(repoNames.length ? repoNames : ["app"]).split("/").pop()!,
          timeGenerated: now - srng.int(0, 30) * DAY,
        });
      }
    });
    const alerts: SecurityAlert[] = Array.from({ length: Math.max(2, Math.round(scale.resourcesPerSubscription / 4)) }, (_, a) => {
      const arng = Rng.of(seed, "alert", s, a);
      const [alertType, displayName, severity, intent] = arng.pick(ALERT_TYPES);
      const resourceIndex = arng.int(0, resources.length - 1);
      const start = now - arng.int(0, 90) * DAY - arng.int(0, DAY);
      return {
        name: `${arng.int(2_517_000_000, 2_517_999_999)}_${arng.uuid()}`,
        subscriptionId,
        location: resources[resourceIndex]!.location,
        resourceIndex,
        alertType,
        displayName,
        severity,
        status: arng.weighted(["Active", "Resolved", "Dismissed", "InProgress"] as const, [4, 4, 1, 1]),
        intent,
        startTime: start,
        endTime: start + arng.int(1, 120) * 60_000,
        timeGenerated: start + arng.int(1, 30) * 60_000,
        description: `${displayName} on ${resources[resourceIndex]!.name}.`,
        remediationSteps: ["Review the activity and confirm whether it was expected.", "If not, isolate the resource and rotate credentials."],
      };
    });
    return { subscriptionId, displayName: `contoso-${["prod", "nonprod", "shared", "sandbox"][s % 4]}-${s + 1}`, tenantId, resources, assessments, subAssessments, alerts };
  });
  return { catalog, subscriptions };
}
