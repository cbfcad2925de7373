// What every emulator is given: the world, shared credentials and keys, its fault board and
// request accounting, and the base URLs of all emulators (filled in once they listen).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { World } from "../world/world";
import type { RequestAccounting } from "./accounting";
import type { FaultBoard } from "./faults";
import type { SigningKeys } from "./keys";
import type { TokenRegistry } from "./tokens";
import type { TlsMaterial } from "./tls";

export type EmulatorName = "github" | "arm" | "azureDevOps" | "entra";
export const EMULATOR_NAMES: EmulatorName[] = ["github", "arm", "azureDevOps", "entra"];

export interface EmulatorContext {
  world: World;
  tokens: TokenRegistry;
  keys: SigningKeys;
  tls: TlsMaterial;
  faults: Record<EmulatorName, FaultBoard>;
  accounting: Record<EmulatorName, RequestAccounting>;
  /** Base URL of each emulator, e.g. https://localhost:8443 (set before any request arrives). */
  urls: Record<EmulatorName, string>;
  /** Directory for files the emulators write (.emulators). */
  dataDir: string;
  /** Serve the owners' published example payloads verbatim where an emulator supports it. */
  fixturesMode: boolean;
}

export interface EmulatorDefinition {
  name: EmulatorName;
  /** Registers the emulator's routes on its own server. */
  register(app: FastifyInstance, ctx: EmulatorContext): Promise<void> | void;
  /**
   * Sends this source's own rate-limit response (status, headers and message exactly as the
   * real service words them). `kind` is "secondary" only for GitHub's secondary limits.
   */
  rateLimited(request: FastifyRequest, reply: FastifyReply, kind: "primary" | "secondary", retryAfterSeconds: number): FastifyReply;
  /** Optional admin routes of this emulator (e.g. GitHub's webhook targets), under /<name>/… */
  registerAdmin?(admin: FastifyInstance, ctx: EmulatorContext): Promise<void> | void;
}
