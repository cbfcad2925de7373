// Word lists for readable generated names. Deterministic picks come from Rng.

export const FIRST_NAMES = [
  "alex", "amira", "ben", "carla", "chen", "dana", "diego", "elena", "farah", "george", "hana", "ivan",
  "jonas", "kai", "lena", "marco", "nadia", "omar", "priya", "quinn", "rosa", "sam", "tariq", "uma",
  "victor", "wen", "yara", "zoe", "li", "noah", "mia", "felix", "aisha", "lucas", "sofia", "ravi",
] as const;

export const LAST_NAMES = [
  "adams", "baker", "costa", "dubois", "evans", "fischer", "garcia", "haddad", "ito", "jensen", "kowalski",
  "larsen", "mendes", "nakamura", "okafor", "patel", "quintero", "rossi", "silva", "tanaka", "ueda",
  "vargas", "weber", "xu", "yilmaz", "zhang", "novak", "murphy", "ahmed", "kim",
] as const;

export const ORG_SUFFIXES = [
  "platform", "payments", "identity", "mobile", "data", "retail", "logistics", "infra", "web", "ml",
  "security", "billing", "search", "media", "partners", "core", "devices", "health", "insights", "labs",
] as const;

export const REPO_ADJECTIVES = [
  "api", "web", "core", "edge", "batch", "stream", "ledger", "gateway", "portal", "worker", "sync", "auth",
  "search", "notify", "report", "infra", "mobile", "admin", "config", "ingest",
] as const;

export const REPO_NOUNS = [
  "service", "app", "lib", "terraform", "pipeline", "frontend", "backend", "cli", "sdk", "jobs", "charts",
  "functions", "platform", "tools", "docs", "store", "engine", "bridge", "hub", "kit",
] as const;

export const TEAM_NAMES = [
  "Platform", "Payments", "Identity", "Mobile", "Data Engineering", "Web Frontend", "SRE", "Security Champions",
  "Checkout", "Growth", "Search", "Infrastructure", "ML Ops", "Developer Experience", "API", "Billing",
  "Reporting", "Integrations", "Compliance", "Observability",
] as const;

export const LANGUAGES = ["TypeScript", "JavaScript", "Python", "Go", "Java", "C#", "Ruby", "HCL", "Kotlin", "Rust"] as const;

export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
