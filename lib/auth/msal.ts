// One MSAL confidential client per process (it caches the authority's metadata). Tokens it
// acquires are used once at sign-in and then removed from its cache: Rampart keeps no IdP
// tokens after sign-in, in the browser or on the server.
import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { log } from "../http/log";
import { entraConfig, type EntraConfig } from "./entra-config";

let client: { config: EntraConfig; app: ConfidentialClientApplication } | undefined;

export async function msalClient(): Promise<{ config: EntraConfig; app: ConfidentialClientApplication }> {
  const config = await entraConfig();
  if (client?.config === config) return client;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
    },
    system: {
      loggerOptions: {
        // MSAL's own messages without personal data; errors only.
        piiLoggingEnabled: false,
        logLevel: LogLevel.Error,
        loggerCallback: (_level, message) => log("warn", "msal", { message }),
      },
    },
  });
  client = { config, app };
  return client;
}
