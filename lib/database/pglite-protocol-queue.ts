// pglite-socket 0.2.x queues client messages one at a time across connections and keeps a
// connection "sticky" only inside an explicit transaction. The extended query protocol is a
// sequence (Parse, Bind, Describe, Execute … Sync) sharing one unnamed statement, so two
// connections interleaving their sequences clobber each other ("unnamed prepared statement
// does not exist"). This patch also keeps a connection sticky from its first extended-protocol
// message to its Sync. It touches the package's internals, so the version is pinned.
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueueInternals {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // Parse, Bind, Describe, Execute, Close, Flush

/** Makes the server's query queue keep each extended-protocol sequence together. */
export function keepProtocolSequencesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function" || !Array.isArray(queue.queue)) {
    throw new Error("pglite-socket internals changed: re-check lib/database/pglite-protocol-queue.ts before upgrading");
  }
  let midSequence: number | null = null;

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() ? this.lastHandlerId : midSequence;
        let item: QueueItem | undefined;
        if (owner !== null) {
          const index = this.queue.findIndex((q) => q.handlerId === owner);
          if (index === -1) break; // wait for the owner's next message
          item = this.queue.splice(index, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(current.message, { onRawData: (data) => current.onData(data) }));
        } catch (error) {
          current.reject(error);
          continue;
        }
        const type = current.message[0]!;
        if (EXTENDED.has(type)) midSequence = current.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY) midSequence = null;
        this.lastHandlerId = current.handlerId;
        current.resolve(0);
      }
    } finally {
      this.processing = false;
    }
  }.bind(queue);

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away mid-sequence must not hold the queue forever.
    if (midSequence === handlerId) {
      midSequence = null;
      void queue.processQueue();
    }
  };
}
