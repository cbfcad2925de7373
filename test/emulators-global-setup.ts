// Creates the emulators' CA and keys once, before any test worker starts, and trusts the CA
// in every worker through NODE_EXTRA_CA_CERTS (read by Node only at process start).
import path from "node:path";
import { loadOrCreateKeys } from "../emulators/core/keys";
import { loadOrCreateTls } from "../emulators/core/tls";

export const EMULATOR_TEST_DIR = path.resolve(".emulators/test");

export default async function setup(): Promise<void> {
  const tls = await loadOrCreateTls(path.join(EMULATOR_TEST_DIR, "tls"));
  await loadOrCreateKeys(path.join(EMULATOR_TEST_DIR, "keys"));
  process.env.NODE_EXTRA_CA_CERTS = tls.caCertPath;
  process.env.RAMPART_EMULATOR_TEST_DIR = EMULATOR_TEST_DIR;
}
