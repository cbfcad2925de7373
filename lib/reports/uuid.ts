// Name-based UUIDs (RFC 9562 version 5, SHA-1) so the same report rendered twice carries the same
// identifiers, and the same control or finding keeps its UUID across report revisions, as OSCAL
// asks ("assigned per-subject, consistently across revisions").
import { createHash } from "node:crypto";

/** Rampart's namespace for report identifiers (itself a v5 UUID of "rampart.reports" in the URL namespace). */
export const RAMPART_UUID_NAMESPACE = uuidV5("rampart.reports", "6ba7b811-9dad-11d1-80b4-00c04fd430c8");

/** A version 5 UUID of `name` in `namespace` (default: Rampart's). */
export function uuidV5(name: string, namespace: string = RAMPART_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`invalid namespace UUID: ${namespace}`);
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
