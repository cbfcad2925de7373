// GET /orgs/{org}/dependabot/alerts — cursor pagination only (before/after; `page` is refused
// with GitHub's 400) — and GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { registerAlertList } from "../alerts/alert-list";
import { advisoryOf, dependabotAlert, dependabotOrgItem, epssOf, relationshipOf, scopeOf } from "../alerts/dependabot";
import { assigneeFilter, csv, csvOf, filterKey, oneOf } from "../alerts/query";
import { notFound, validationFailed } from "../errors";
import { getRoute, readableRepo } from "../route";

const DOCS = {
  list: "https://docs.github.com/rest/dependabot/alerts#list-dependabot-alerts-for-an-organization",
  get: "https://docs.github.com/rest/dependabot/alerts#get-a-dependabot-alert",
};

const STATES = ["auto_dismissed", "dismissed", "fixed", "open"];
const SEVERITIES = ["low", "medium", "high", "critical"];
const ECOSYSTEMS = ["composer", "go", "maven", "npm", "nuget", "pip", "pub", "rubygems", "rust"];
const RELATIONSHIPS = ["unknown", "direct", "transitive", "inconclusive"];
const CLASSIFICATIONS = ["malware", "general"];
const HAS = ["patch", "deployment"];
const RUNTIME_RISKS = ["critical-resource", "internet-exposed", "sensitive-data", "lateral-movement"];

/** epss_percentage: "n", ">n", "<n", ">=n", "<=n" or "n..n", with n in [0, 1]. */
function epssRange(value: string | undefined): ((p: number) => boolean) | undefined {
  if (value === undefined || value === "") return undefined;
  const num = (s: string) => {
    const n = s.trim() === "" ? Number.NaN : Number(s);
    return n >= 0 && n <= 1 ? n : Number.NaN;
  };
  const range = /^(.+)\.\.(.+)$/.exec(value);
  let test: ((p: number) => boolean) | undefined;
  if (range) {
    const [lo, hi] = [num(range[1]!), num(range[2]!)];
    if (!Number.isNaN(lo) && !Number.isNaN(hi)) test = (p) => p >= lo && p <= hi;
  } else {
    const m = /^(>=|<=|>|<)?(.+)$/.exec(value)!;
    const n = num(m[2]!);
    if (!Number.isNaN(n)) test = m[1] === ">=" ? (p) => p >= n : m[1] === "<=" ? (p) => p <= n : m[1] === ">" ? (p) => p > n : m[1] === "<" ? (p) => p < n : (p) => p === n;
  }
  if (!test) throw validationFailed(DOCS.list, [`Invalid epss_percentage value: ${value}`]);
  return test;
}

export function registerDependabotRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerAlertList(app, ctx, {
    kind: "dependabot",
    path: "dependabot/alerts",
    docs: DOCS.list,
    pagination: "cursor",
    sorts: ["created", "updated", "epss_percentage"],
    filter(c, query) {
      const states = csvOf(query, "state", STATES, DOCS.list);
      const severities = csvOf(query, "severity", SEVERITIES, DOCS.list);
      const ecosystems = csvOf(query, "ecosystem", ECOSYSTEMS, DOCS.list);
      const packages = csv(query.package);
      const scope = oneOf(query, "scope", ["development", "runtime"] as const, undefined, DOCS.list);
      const relationships = csvOf(query, "relationship", RELATIONSHIPS, DOCS.list);
      const classifications = csvOf(query, "classification", CLASSIFICATIONS, DOCS.list);
      const has = csvOf(query, "has", HAS, DOCS.list);
      const runtimeRisks = csvOf(query, "runtime_risk", RUNTIME_RISKS, DOCS.list);
      const epss = epssRange(query.epss_percentage);
      const assigned = assigneeFilter(query.assignee);
      // No repository has deployment or artifact-registry records in the world.
      const needsDeployment = Boolean(has?.includes("deployment") || runtimeRisks || query.artifact_registry || query.artifact_registry_url);
      const parts = { states, severities, ecosystems, packages, scope, relationships, classifications, has, needsDeployment, epss: query.epss_percentage, assignee: query.assignee };
      if (Object.values(parts).every((v) => v === undefined || v === false)) return { key: "", predicate: null };
      return {
        key: filterKey(parts),
        predicate: (row) => {
          if (needsDeployment) return false;
          const a = advisoryOf(c, row);
          if (states && !states.includes(row.state)) return false;
          if (severities && !severities.includes(a.severity)) return false;
          if (ecosystems && !ecosystems.includes(a.ecosystem)) return false;
          if (packages && !packages.includes(a.packageName)) return false;
          if (scope && scopeOf(row) !== scope) return false;
          if (relationships && !relationships.includes(relationshipOf(row))) return false;
          if (classifications && !classifications.includes("general")) return false;
          if (has?.includes("patch") && !a.patchedVersion) return false;
          if (epss && !epss(epssOf(c, row).percentage)) return false;
          return !assigned || assigned(false);
        },
      };
    },
    customSort: (c, table, sort) => (sort === "epss_percentage" ? (row) => epssOf(c, table.get(row)).percentage : undefined),
    item: (c, org, row) => dependabotOrgItem(c, org, row),
  });

  getRoute(app, ctx, "/repos/:owner/:repo/dependabot/alerts/:alert_number", { auth: "token", docs: DOCS.get }, (request, _reply, principal) => {
    const { org, orgIndex, repo, repoIndex } = readableRepo(ctx, principal, request.params, DOCS.get);
    const table = ctx.world.alerts(orgIndex, "dependabot");
    const number = Number(request.params.alert_number);
    const row = Number.isInteger(number) ? table.find(repoIndex, number) : -1;
    if (row < 0) throw notFound(DOCS.get);
    return dependabotAlert(ctx, org, repo, table.get(row));
  });
}
