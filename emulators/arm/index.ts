// Azure Resource Manager with the Microsoft.Security provider: Defender for Cloud's
// assessments, sub-assessments, alerts, secure score and DevOps security connectors, behind
// ARM's gateway behaviour (bearer auth, api-version checks, request budgets, tracing headers).
import type { EmulatorDefinition } from "../core/context";
import { registerAlerts } from "./alerts";
import { registerAssessmentMetadata } from "./assessment-metadata";
import { registerAssessments } from "./assessments";
import { authenticate } from "./auth";
import { registerDevOps } from "./devops";
import { installErrorHandlers } from "./errors";
import { stampArmHeaders } from "./request-ids";
import { registerResourceGraph } from "./resource-graph";
import { registerSecureScores } from "./secure-score";
import { registerSecurityConnectors } from "./security-connectors";
import { registerArmSettings } from "./settings";
import { registerSubAssessments } from "./sub-assessments";
import { registerSubscriptions } from "./subscriptions";
import { readBudgets, sendRateLimited, spendRequest } from "./throttling";

export const armEmulator: EmulatorDefinition = {
  name: "arm",
  register(app, ctx) {
    installErrorHandlers(app);
    // Tracing headers go on before the fault hook runs, so injected failures carry them too.
    app.addHook("onRequest", async (request, reply) => stampArmHeaders(ctx, request, reply));
    app.addHook("preHandler", async (request, reply) => {
      await authenticate(ctx, request);
      spendRequest(ctx, request, reply);
    });
    registerSubscriptions(app, ctx);
    registerAssessmentMetadata(app, ctx);
    registerAssessments(app, ctx);
    registerSubAssessments(app, ctx);
    registerAlerts(app, ctx);
    registerSecureScores(app, ctx);
    registerSecurityConnectors(app, ctx);
    registerDevOps(app, ctx);
    registerResourceGraph(app, ctx);
  },
  rateLimited(_request, reply, _kind, retryAfterSeconds) {
    return sendRateLimited(reply, retryAfterSeconds);
  },
  registerAdmin(admin, ctx) {
    registerArmSettings(admin, ctx, () => readBudgets(ctx).reset());
  },
};
