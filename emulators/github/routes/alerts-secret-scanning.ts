// GET /orgs/{org}/secret-scanning/alerts (page numbers or before/after cursors), one alert, and
// its locations.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { registerAlertList } from "../alerts/alert-list";
import { assigneeFilter, bool, csv, csvOf, filterKey, oneOf } from "../alerts/query";
import { bypassed, multiRepo, providerOf, publiclyLeaked, secretLocations, secretScanningAlert, secretScanningOrgItem, secretTypeOf, validityOf } from "../alerts/secret-scanning";
import { DISMISS_REASONS } from "../../world/alerts";
import { notFound, validationFailed } from "../errors";
import { sendListPage } from "../pagination";
import { getRoute, readableRepo, type GitHubRequest } from "../route";
import type { GitHubPrincipal } from "../auth";

const DOCS = {
  list: "https://docs.github.com/rest/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-an-organization",
  get: "https://docs.github.com/rest/secret-scanning/secret-scanning#get-a-secret-scanning-alert",
  locations: "https://docs.github.com/rest/secret-scanning/secret-scanning#list-locations-for-a-secret-scanning-alert",
};

const RESOLUTIONS = ["false_positive", "wont_fix", "revoked", "pattern_edited", "pattern_deleted", "used_in_tests"];
const VALIDITIES = ["active", "inactive", "unknown"];

export function registerSecretScanningRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerAlertList(app, ctx, {
    kind: "secret_scanning",
    path: "secret-scanning/alerts",
    docs: DOCS.list,
    pagination: "page+cursor",
    sorts: ["created", "updated"],
    filter(_ctx, query) {
      const state = oneOf(query, "state", ["open", "resolved"] as const, undefined, DOCS.list);
      const types = csv(query.secret_type);
      const excludedTypes = csv(query.exclude_secret_types);
      if (types && excludedTypes) throw validationFailed(DOCS.list, ["secret_type and exclude_secret_types cannot be combined"]);
      const providers = csv(query.providers);
      const excludedProviders = csv(query.exclude_providers);
      if (providers && excludedProviders) throw validationFailed(DOCS.list, ["providers and exclude_providers cannot be combined"]);
      const resolutions = csvOf(query, "resolution", RESOLUTIONS, DOCS.list);
      const validities = csvOf(query, "validity", VALIDITIES, DOCS.list);
      // The tag filters only narrow when true ("false" means: do not filter by the tag).
      const isPublic = bool(query, "is_publicly_leaked", DOCS.list) || undefined;
      const isMulti = bool(query, "is_multi_repo", DOCS.list) || undefined;
      const isBypassed = bool(query, "is_bypassed", DOCS.list);
      bool(query, "hide_secret", DOCS.list);
      const assigned = assigneeFilter(query.assignee);
      const parts = { state, types, excludedTypes, providers, excludedProviders, resolutions, validities, isPublic, isMulti, isBypassed, assignee: query.assignee };
      if (Object.values(parts).every((v) => v === undefined)) return { key: "", predicate: null };
      return {
        key: filterKey(parts),
        predicate: (row) => {
          if (state && row.state !== state) return false;
          const type = secretTypeOf(row).type;
          if (types && !types.includes(type)) return false;
          if (excludedTypes?.includes(type)) return false;
          const slug = providerOf(type)[1];
          if (providers && !providers.includes(slug)) return false;
          if (excludedProviders?.includes(slug)) return false;
          if (resolutions && (row.state !== "resolved" || !resolutions.includes(DISMISS_REASONS.secret_scanning[row.reasonIndex]!))) return false;
          if (validities && !validities.includes(validityOf(row))) return false;
          if (isPublic && !publiclyLeaked(row)) return false;
          if (isMulti && !multiRepo(row)) return false;
          if (isBypassed !== undefined && bypassed(row) !== isBypassed) return false;
          return !assigned || assigned(false);
        },
      };
    },
    item: (c, org, row, query) => secretScanningOrgItem(c, org, row, query.hide_secret === "true"),
  });

  const alertOf = (request: GitHubRequest, principal: GitHubPrincipal, docs: string) => {
    const ref = readableRepo(ctx, principal, request.params, docs);
    const table = ctx.world.alerts(ref.orgIndex, "secret_scanning");
    const number = Number(request.params.alert_number);
    const row = Number.isInteger(number) ? table.find(ref.repoIndex, number) : -1;
    if (row < 0) throw notFound(docs);
    return { ...ref, row: table.get(row) };
  };

  getRoute(app, ctx, "/repos/:owner/:repo/secret-scanning/alerts/:alert_number", { auth: "token", docs: DOCS.get }, (request, _reply, principal) => {
    const { org, repo, row } = alertOf(request, principal, DOCS.get);
    return secretScanningAlert(ctx, org, repo, row, bool(request.query, "hide_secret", DOCS.get) === true);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/secret-scanning/alerts/:alert_number/locations", { auth: "token", docs: DOCS.locations }, (request, reply, principal) => {
    const { repo, row } = alertOf(request, principal, DOCS.locations);
    return sendListPage(ctx, request, reply, secretLocations(ctx, repo, row), (l) => l);
  });
}
