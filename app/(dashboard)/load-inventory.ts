// The dashboard pages' one read of the inventory counts, turning a database failure into a flag.
import type { Viewer } from "@/lib/auth/policy";
import { getInventorySummary, type InventorySummary } from "@/lib/data/inventory";

export type InventoryResult = { ok: true; summary: InventorySummary } | { ok: false };

/** Never throws: the error is logged here, server-side, and the page shows a detail-free panel. */
export async function loadInventory(viewer: Viewer, page: string): Promise<InventoryResult> {
  try {
    return { ok: true, summary: await getInventorySummary(viewer) };
  } catch (error) {
    console.error(`[${page}] could not load the inventory summary`, error);
    return { ok: false };
  }
}
