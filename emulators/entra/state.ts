// The Entra emulator's state for one set of running emulators: the directory and the grants
// it has issued. Keyed by context so the emulator routes and its admin routes share it.
import type { EmulatorContext } from "../core/context";
import { loadOrCreateAppCertificate } from "./app-certificate";
import { GrantStore } from "./codes";
import { Directory } from "./directory";

export interface EntraState {
  ctx: EmulatorContext;
  directory: Directory;
  grants: GrantStore;
}

const states = new WeakMap<EmulatorContext, Promise<EntraState>>();

export function entraState(ctx: EmulatorContext): Promise<EntraState> {
  let state = states.get(ctx);
  if (!state) {
    state = loadOrCreateAppCertificate(ctx.dataDir).then((certificate) => ({ ctx, directory: new Directory(ctx, certificate), grants: new GrantStore() }));
    states.set(ctx, state);
  }
  return state;
}
