// The azureDevOps emulator (routes are being built).
import type { EmulatorDefinition } from "../core/context";

export const azureDevOpsEmulator: EmulatorDefinition = {
  name: "azureDevOps",
  register() {},
  rateLimited(_request, reply, _kind, retryAfterSeconds) {
    return reply.code(429).header("retry-after", String(retryAfterSeconds)).send({ message: "Too Many Requests" });
  },
};
