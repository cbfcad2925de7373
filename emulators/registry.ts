// Every emulator the launcher starts.
import type { EmulatorDefinition } from "./core/context";
import { githubEmulator } from "./github";
import { armEmulator } from "./arm";
import { azureDevOpsEmulator } from "./azure-devops";
import { entraEmulator } from "./entra";

export const EMULATORS: EmulatorDefinition[] = [githubEmulator, armEmulator, azureDevOpsEmulator, entraEmulator];
