/**
 * Worker threads for uncached search pages. A search is the reader's most expensive request
 * (FTS5, the joins, the template, gzip: ~1.5 ms of CPU, several ms for a prefix); on the main
 * thread every one of them queues behind the others and behind every other request. Here the
 * main thread only parses HTTP, checks the session and the page cache, and sends the bytes a
 * worker made, so searches use the machine's other cores while NewsBite stays one process.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.js';
import type { SearchJob } from './search-page.js';

export interface SearchWorkerData {
  /** The SQLite file; each worker opens it read-only. */
  file: string;
  /** Static asset name → content hash, for the page's links. */
  assetHashes: Record<string, string>;
}

/** A 200 comes back as its gzip alone (copying the HTML across threads costs more); else HTML. */
export type SearchWorkerReply =
  | { seq: number; status: 200; gzip: Uint8Array }
  | { seq: number; status: number; html: string }
  | { seq: number; error: string };

export interface WorkerPage {
  status: number;
  gzip?: Buffer;
  html?: string;
}

interface Pending {
  resolve(page: WorkerPage): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

export class SearchWorkers {
  private readonly slots: (Slot | undefined)[];
  private seq = 0;
  private closed = false;

  constructor(
    private readonly data: SearchWorkerData,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, () => undefined);
  }

  /** Renders a search page in the least busy worker (started on first use, restarted after a crash). */
  render(job: SearchJob): Promise<WorkerPage> {
    if (this.closed) return Promise.reject(new Error('search workers are closed'));
    const slot = this.leastBusy();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      slot.worker.postMessage({ seq, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = this.slots.filter((s): s is Slot => s !== undefined);
    this.slots.fill(undefined);
    for (const slot of running) this.fail(slot, new Error('search workers are closed'));
    await Promise.all(running.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (!slot) return this.start(i);
      if (best < 0 || slot.pending.size < (this.slots[best]?.pending.size ?? 0)) best = i;
    }
    return this.slots[best] as Slot;
  }

  private start(index: number): Slot {
    const worker = startWorker(new URL('./search-worker', import.meta.url), { workerData: this.data });
    // An idle pool must not keep a finished process (a test, a CLI command) alive.
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    this.slots[index] = slot;
    worker.on('message', (reply: SearchWorkerReply) => {
      const pending = slot.pending.get(reply.seq);
      if (!pending) return;
      slot.pending.delete(reply.seq);
      if ('error' in reply) pending.reject(new Error(`search worker: ${reply.error}`));
      else if ('html' in reply) pending.resolve({ status: reply.status, html: reply.html });
      else {
        const { buffer, byteOffset, byteLength } = reply.gzip;
        pending.resolve({ status: reply.status, gzip: Buffer.from(buffer, byteOffset, byteLength) });
      }
    });
    const lost = (error: Error) => {
      // The next search starts a fresh worker in this slot; the searches it held fail now.
      if (this.slots[index] === slot) this.slots[index] = undefined;
      this.fail(slot, error);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`search worker stopped (exit code ${code})`)));
    return slot;
  }

  private fail(slot: Slot, error: Error): void {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }
}
