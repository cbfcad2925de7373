// Branch protection, rulesets and the Dependabot switches of a repository: what Rampart reads to
// score review requirements, signed commits, status checks and automated fixes.
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../../core/context";
import { GitHubError, notFound } from "../errors";
import { branchProtection, repositoryRuleset, rulesOf } from "../objects/protection";
import { sendListPage } from "../pagination";
import { getRoute, readableRepo, visibleRepo } from "../route";
import type { Schema } from "../schema-types";

const DOCS = {
  protection: "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
  rulesets: "https://docs.github.com/rest/repos/rules#get-all-repository-rulesets",
  ruleset: "https://docs.github.com/rest/repos/rules#get-a-repository-ruleset",
  branchRules: "https://docs.github.com/rest/repos/rules#get-rules-for-a-branch",
  vulnerabilityAlerts: "https://docs.github.com/rest/repos/repos#check-if-vulnerability-alerts-are-enabled-for-a-repository",
  securityFixes: "https://docs.github.com/rest/repos/repos#check-if-dependabot-security-updates-are-enabled-for-a-repository",
};

const isDefault = (branch: string, defaultBranch: string) => branch === defaultBranch || branch === `refs/heads/${defaultBranch}`;

export function registerProtectionRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  getRoute(app, ctx, "/repos/:owner/:repo/branches/:branch/protection", { auth: "token", docs: DOCS.protection }, (request, _reply, principal) => {
    const { repo } = readableRepo(ctx, principal, request.params, DOCS.protection);
    const branch = request.params.branch!;
    // The world models the default branch only; any other name is a branch that does not exist.
    if (!isDefault(branch, repo.defaultBranch)) throw new GitHubError(404, "Branch not found", DOCS.protection);
    if (!repo.branchProtection) throw new GitHubError(404, "Branch not protected", DOCS.protection);
    return branchProtection(ctx, repo, repo.defaultBranch, repo.branchProtection);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/rulesets", { auth: "public", docs: DOCS.rulesets }, (request, reply, principal) => {
    const { repo } = visibleRepo(ctx, principal, request.params, DOCS.rulesets);
    const targets = request.query.targets?.split(",").map((t) => t.trim());
    const rulesets = repo.rulesets.filter(() => !targets || targets.includes("branch"));
    return sendListPage(ctx, request, reply, rulesets, (r) => repositoryRuleset(ctx, repo, r, false));
  });

  getRoute(app, ctx, "/repos/:owner/:repo/rulesets/:ruleset_id", { auth: "public", docs: DOCS.ruleset }, (request, _reply, principal) => {
    const { repo } = visibleRepo(ctx, principal, request.params, DOCS.ruleset);
    const ruleset = repo.rulesets.find((r) => String(r.id) === request.params.ruleset_id);
    if (!ruleset) throw notFound(DOCS.ruleset);
    return repositoryRuleset(ctx, repo, ruleset, true);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/rules/branches/:branch", { auth: "public", docs: DOCS.branchRules }, (request, reply, principal) => {
    const { repo } = visibleRepo(ctx, principal, request.params, DOCS.branchRules);
    // Only active rulesets apply ("evaluate" ones report in insights but enforce nothing).
    const rules: Schema<"repository-rule-detailed">[] = isDefault(request.params.branch!, repo.defaultBranch)
      ? repo.rulesets
          .filter((r) => r.enforcement === "active")
          .flatMap((r) => rulesOf(r).map((rule) => ({ ...rule, ruleset_source_type: "Repository" as const, ruleset_source: repo.fullName, ruleset_id: r.id }) as Schema<"repository-rule-detailed">))
      : [];
    return sendListPage(ctx, request, reply, rules, (r) => r);
  });

  getRoute(app, ctx, "/repos/:owner/:repo/vulnerability-alerts", { auth: "token", docs: DOCS.vulnerabilityAlerts }, (request, reply, principal) => {
    const { repo } = readableRepo(ctx, principal, request.params, DOCS.vulnerabilityAlerts);
    if (!repo.settings.vulnerabilityAlerts) throw notFound(DOCS.vulnerabilityAlerts);
    return reply.code(204).send();
  });

  getRoute(app, ctx, "/repos/:owner/:repo/automated-security-fixes", { auth: "token", docs: DOCS.securityFixes }, (request, _reply, principal) => {
    const { repo } = readableRepo(ctx, principal, request.params, DOCS.securityFixes);
    if (!repo.settings.vulnerabilityAlerts) throw notFound(DOCS.securityFixes);
    const body: Schema<"check-automated-security-fixes"> = { enabled: repo.settings.dependabotSecurityUpdates, paused: false };
    return body;
  });
}
