// X-GitHub-Request-Id, shaped like GitHub's ("1C45:12F767:6C7E73:D8C627:6814705C": the last
// part is the epoch second in hex). Rate-limit messages quote it, so it is fixed per request.
import type { FastifyRequest } from "fastify";

const ids = new WeakMap<FastifyRequest, string>();
let counter = 0;

const hex = (n: number) => n.toString(16).toUpperCase();

/** The request id of `request` (assigned on first use). */
export function requestIdOf(request: FastifyRequest): string {
  let id = ids.get(request);
  if (!id) {
    const n = ++counter;
    const second = Math.floor(Date.now() / 1000);
    id = `${hex(0xc000 + (n % 0x3fff))}:${hex(0x100000 + ((n * 7919) % 0xeffff))}:${hex(0x400000 + n)}:${hex(0x800000 + n * 3)}:${hex(second)}`;
    ids.set(request, id);
  }
  return id;
}

/** "2025-05-02 07:12:28 UTC", the timestamp format of GitHub's rate-limit messages. */
export function supportTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
