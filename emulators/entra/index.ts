// The entra emulator (routes are being built).
import type { EmulatorDefinition } from "../core/context";

export const entraEmulator: EmulatorDefinition = {
  name: "entra",
  register() {},
  rateLimited(_request, reply, _kind, retryAfterSeconds) {
    return reply.code(429).header("retry-after", String(retryAfterSeconds)).send({ message: "Too Many Requests" });
  },
};
