// GET /orgs/{org}/code-scanning/alerts (page numbers or before/after cursors) and
// GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { registerAlertList } from "../alerts/alert-list";
import { codeScanningAlert, codeScanningOrgItem, codeState, ruleOf } from "../alerts/code-scanning";
import { assigneeFilter, filterKey, oneOf } from "../alerts/query";
import { GitHubError, validationFailed } from "../errors";
import { getRoute, readableRepo } from "../route";

const DOCS = {
  list: "https://docs.github.com/rest/code-scanning/code-scanning#list-code-scanning-alerts-for-an-organization",
  get: "https://docs.github.com/rest/code-scanning/code-scanning#get-a-code-scanning-alert",
};

const STATES = ["open", "closed", "dismissed", "fixed"] as const;
const SEVERITIES = ["critical", "high", "medium", "low", "warning", "note", "error"] as const;

export function registerCodeScanningRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerAlertList(app, ctx, {
    kind: "code_scanning",
    path: "code-scanning/alerts",
    docs: DOCS.list,
    pagination: "page+cursor",
    sorts: ["created", "updated"],
    filter(_ctx, query) {
      const state = oneOf(query, "state", STATES, undefined, DOCS.list);
      const severity = oneOf(query, "severity", SEVERITIES, undefined, DOCS.list);
      if (query.tool_name && query.tool_guid) throw validationFailed(DOCS.list, ["Only one of tool_name and tool_guid may be given"]);
      // Every alert comes from CodeQL, whose SARIF carries no tool GUID.
      const toolName = query.tool_name;
      const toolGuid = query.tool_guid;
      const assigned = assigneeFilter(query.assignees);
      if (!state && !severity && !toolName && !toolGuid && !assigned) return { key: "", predicate: null };
      return {
        key: filterKey({ state, severity, toolName, toolGuid, assignees: query.assignees }),
        predicate: (row) => {
          const s = codeState(row);
          if (state && (state === "closed" ? s === "open" : s !== state)) return false;
          if (severity) {
            const rule = ruleOf(row);
            if (rule.securitySeverity !== severity && rule.severity !== severity) return false;
          }
          if (toolName !== undefined && toolName !== "CodeQL") return false;
          if (toolGuid !== undefined) return false;
          return !assigned || assigned(false);
        },
      };
    },
    item: (c, org, row) => codeScanningOrgItem(c, org, row),
  });

  getRoute(app, ctx, "/repos/:owner/:repo/code-scanning/alerts/:alert_number", { auth: "token", docs: DOCS.get }, (request, _reply, principal) => {
    const { org, orgIndex, repo, repoIndex } = readableRepo(ctx, principal, request.params, DOCS.get);
    const number = Number(request.params.alert_number);
    const table = ctx.world.alerts(orgIndex, "code_scanning");
    const row = Number.isInteger(number) ? table.find(repoIndex, number) : -1;
    if (row < 0) throw new GitHubError(404, `No alert found for alert number ${request.params.alert_number}`, DOCS.get);
    return codeScanningAlert(ctx, org, repo, table.get(row), true);
  });
}
