// The two Defender streams read whole per sync: secure scores (history rows when a value
// changed) and the DevOps inventory (connectors and repositories as CloudResource rows linked to
// known repositories).
import { readDevOpsInventory, type DevOpsInventory } from "../../sources/defender/devops-inventory";
import { secureScores } from "../../sources/defender/fetch";
import { mapSecureScore, mapSecureScoreControl, type SecureScoreRow } from "../../sources/defender/map-secure-score";
import { writeDevOpsInventory } from "./write-cloud-resources";
import { writeSecureScores } from "./write-secure-scores";
import type { SnapshotStream } from "./sync-snapshot-stream";

export const SECURE_SCORES_STREAM: SnapshotStream<SecureScoreRow[]> = {
  stream: "secure-scores",
  async read(client) {
    const { scores, controls } = await secureScores(client);
    const rows: SecureScoreRow[] = [];
    const failures: string[] = [];
    for (const result of [...scores.map(mapSecureScore), ...controls.map(mapSecureScoreControl)]) {
      if (result.ok) rows.push(result.row);
      else failures.push(`${result.reference}: ${result.error}`);
    }
    return { data: rows, items: scores.length + controls.length, failures };
  },
  write: (db, rows, context) => writeSecureScores(db, context.subscriptionId, rows, context.capturedAt),
};

export const DEVOPS_INVENTORY_STREAM: SnapshotStream<DevOpsInventory> = {
  stream: "devops-inventory",
  async read(client) {
    const inventory = await readDevOpsInventory(client);
    return { data: inventory, items: inventory.items, failures: inventory.failures };
  },
  async write(db, inventory, context) {
    const { changed } = await writeDevOpsInventory(db, { connectionId: context.connectionId, subscriptionId: context.subscriptionId, connectors: inventory.connectors, repos: inventory.repos, complete: true });
    return changed;
  },
};
