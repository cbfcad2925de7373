// The requirements an evidence pack walks through, in the frameworks' own order. Ids are the
// frameworks' identifiers; titles are short paraphrases of ours (the publications stay the
// reference). A requirement with no Rampart control mapped to it still appears in a pack, as
// "unknown": an auditor must see the gap rather than a shorter list.

export interface FrameworkRequirement {
  id: string;
  title: string;
  /** SSDF practice id and title, for grouping tasks under their practice. */
  group?: string;
}

interface SsdfPractice {
  id: string;
  title: string;
  tasks: [id: string, title: string][];
}

/** NIST SP 800-218 (SSDF 1.1) practices and their tasks. */
export const SSDF_PRACTICES: readonly SsdfPractice[] = [
  { id: "PO.1", title: "Set the security requirements for development", tasks: [
    ["PO.1.1", "Know and maintain the security requirements for the development infrastructure and process"],
    ["PO.1.2", "Know and maintain the security requirements the software itself must meet"],
    ["PO.1.3", "Tell third-party suppliers which security requirements apply to them and check they meet them"],
  ] },
  { id: "PO.2", title: "Give people security roles and responsibilities", tasks: [
    ["PO.2.1", "Define the secure-development roles and who holds them"],
    ["PO.2.2", "Train each role in what it needs for secure development"],
    ["PO.2.3", "Get management commitment to secure development"],
  ] },
  { id: "PO.3", title: "Use supporting toolchains", tasks: [
    ["PO.3.1", "Choose the tools that reduce risk in the toolchain"],
    ["PO.3.2", "Deploy, run and maintain those tools securely"],
    ["PO.3.3", "Have the tools produce artifacts that show secure practice was followed"],
  ] },
  { id: "PO.4", title: "Define and apply criteria for security checks", tasks: [
    ["PO.4.1", "Decide the criteria a check must meet across the lifecycle"],
    ["PO.4.2", "Gather and keep the information needed to judge those criteria"],
  ] },
  { id: "PO.5", title: "Keep development environments secure", tasks: [
    ["PO.5.1", "Separate and protect every environment used in development"],
    ["PO.5.2", "Secure the endpoints developers work from"],
  ] },
  { id: "PS.1", title: "Protect all code from unauthorized access and tampering", tasks: [
    ["PS.1.1", "Store code under least-privilege access with tamper protection"],
  ] },
  { id: "PS.2", title: "Let consumers verify release integrity", tasks: [
    ["PS.2.1", "Publish integrity information (hashes, signatures) for releases"],
  ] },
  { id: "PS.3", title: "Archive and protect every release", tasks: [
    ["PS.3.1", "Keep the files of each release so vulnerabilities can be analysed later"],
    ["PS.3.2", "Record the provenance of each release's components (e.g. an SBOM)"],
  ] },
  { id: "PW.1", title: "Design software to meet security requirements", tasks: [
    ["PW.1.1", "Model threats and assess the design's security risks"],
    ["PW.1.2", "Record the design decisions and risk responses"],
    ["PW.1.3", "Prefer standard, well-secured features over building your own"],
  ] },
  { id: "PW.2", title: "Review the design", tasks: [
    ["PW.2.1", "Have a qualified reviewer check the design against the requirements and risks"],
  ] },
  { id: "PW.4", title: "Reuse existing, well-secured software", tasks: [
    ["PW.4.1", "Obtain and maintain well-secured components from known sources"],
    ["PW.4.2", "Build in-house components for reuse where none fit"],
    ["PW.4.4", "Check that acquired components are and stay secure"],
  ] },
  { id: "PW.5", title: "Write code following secure coding practices", tasks: [
    ["PW.5.1", "Follow secure coding practices suited to the language and platform"],
  ] },
  { id: "PW.6", title: "Configure build and compilation securely", tasks: [
    ["PW.6.1", "Use compiler, interpreter and build tools that add security"],
    ["PW.6.2", "Choose and enforce secure settings for those tools"],
  ] },
  { id: "PW.7", title: "Review and analyse human-readable code", tasks: [
    ["PW.7.1", "Decide when code review or analysis is needed"],
    ["PW.7.2", "Review or analyse code, record and triage the issues found"],
  ] },
  { id: "PW.8", title: "Test executable code", tasks: [
    ["PW.8.1", "Decide when executable testing is needed"],
    ["PW.8.2", "Test the executable code, record and triage the issues found"],
  ] },
  { id: "PW.9", title: "Ship secure settings by default", tasks: [
    ["PW.9.1", "Define a secure baseline configuration"],
    ["PW.9.2", "Apply that baseline as the default"],
  ] },
  { id: "RV.1", title: "Find and confirm vulnerabilities continuously", tasks: [
    ["RV.1.1", "Collect vulnerability information from users, researchers and feeds"],
    ["RV.1.2", "Review, analyse and test code to find undetected vulnerabilities"],
    ["RV.1.3", "Run a vulnerability disclosure and response policy"],
  ] },
  { id: "RV.2", title: "Assess, prioritize and remediate vulnerabilities", tasks: [
    ["RV.2.1", "Analyse each vulnerability enough to plan its remediation"],
    ["RV.2.2", "Plan and carry out the risk response for each vulnerability"],
  ] },
  { id: "RV.3", title: "Find the root causes of vulnerabilities", tasks: [
    ["RV.3.1", "Analyse vulnerabilities for their root causes"],
    ["RV.3.2", "Look for patterns across root causes"],
    ["RV.3.3", "Find and fix other instances of the same kind of flaw"],
    ["RV.3.4", "Improve the process so the root causes do not recur"],
  ] },
];

/** OpenSSF Scorecard checks (v5). */
export const SCORECARD_CHECKS: readonly FrameworkRequirement[] = [
  { id: "Binary-Artifacts", title: "No checked-in executables that cannot be reviewed" },
  { id: "Branch-Protection", title: "Default and release branches are protected (reviews, status checks, no force push)" },
  { id: "CI-Tests", title: "Tests run in CI before changes merge" },
  { id: "CII-Best-Practices", title: "The project holds an OpenSSF Best Practices badge" },
  { id: "Code-Review", title: "Changes are reviewed by someone other than the author before merge" },
  { id: "Contributors", title: "Contributors come from more than one organization" },
  { id: "Dangerous-Workflow", title: "No CI workflow patterns that let untrusted input run with privileges" },
  { id: "Dependency-Update-Tool", title: "A tool proposes dependency updates automatically" },
  { id: "Fuzzing", title: "The code is fuzzed" },
  { id: "License", title: "The project declares a license" },
  { id: "Maintained", title: "The project shows recent maintenance activity" },
  { id: "Packaging", title: "Releases are built and published by CI" },
  { id: "Pinned-Dependencies", title: "Build dependencies are pinned by hash" },
  { id: "SAST", title: "Static analysis runs on changes" },
  { id: "SBOM", title: "Releases ship a software bill of materials" },
  { id: "Security-Policy", title: "A security policy tells reporters how to disclose vulnerabilities" },
  { id: "Signed-Releases", title: "Releases are cryptographically signed" },
  { id: "Token-Permissions", title: "Workflow tokens have least-privilege permissions" },
  { id: "Vulnerabilities", title: "No open known vulnerabilities in the project or its dependencies" },
  { id: "Webhooks", title: "Webhooks are authenticated with a secret" },
];

/** The requirements of a framework, flattened in document order. */
export function frameworkRequirements(framework: "ssdf" | "scorecard"): FrameworkRequirement[] {
  if (framework === "scorecard") return [...SCORECARD_CHECKS];
  return SSDF_PRACTICES.flatMap((p) => p.tasks.map(([id, title]) => ({ id, title, group: `${p.id} ${p.title}` })));
}
