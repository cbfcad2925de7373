// Which connector syncs which kind of connection. The CLI and the queue handler dispatch here,
// so adding a source is one line in this table.
import type { ConnectionKind } from "../generated/prisma/client";
import { syncDefenderConnection } from "./defender/sync-connection";
import { syncGitHubConnection } from "./github/sync-connection";
import { syncAzureDevOpsConnection } from "./azure-devops/sync-connection";
import type { ConnectorSync } from "./sync-summary";

const CONNECTORS: Partial<Record<ConnectionKind, ConnectorSync>> = {
  github_app: syncGitHubConnection,
  github_token: syncGitHubConnection,
  azure_subscription: syncDefenderConnection,
  azure_devops_org: syncAzureDevOpsConnection,
};

/** The connector for a connection kind, or undefined when none is built for it. */
export function connectorFor(kind: ConnectionKind): ConnectorSync | undefined {
  return CONNECTORS[kind];
}
