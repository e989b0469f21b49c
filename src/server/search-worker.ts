/**
 * A search worker thread: its own read-only connection to the database (WAL lets it read while
 * the main thread writes), the same renderSearchPage as the main thread, and the gzip.
 */

import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';
import { ReaderStore } from '../store/reader.js';
import { renderSearchPage, type SearchJob } from './search-page.js';
import type { SearchWorkerData, SearchWorkerReply } from './search-workers.js';

const data = workerData as SearchWorkerData;
const reader = ReaderStore.openReadOnly(data.file);
const ctx = { assets: new Map(Object.entries(data.assetHashes).map(([name, hash]) => [name, { hash }])) };

/** The reply and the buffers to hand over with it (moved, not copied). */
async function answer(message: { seq: number; job: SearchJob }): Promise<[SearchWorkerReply, ArrayBuffer[]]> {
  const page = await renderSearchPage(reader, ctx, message.job);
  if (page.status !== 200) return [{ seq: message.seq, status: page.status, html: page.html }, []];
  // zlib's result is a view on its 16 kB output chunk, and a view is cloned with its whole
  // buffer: copy the bytes into a buffer of their own and move that.
  const gzip = new Uint8Array(zlib.gzipSync(page.html, { level: 1 }));
  return [{ seq: message.seq, status: 200, gzip }, [gzip.buffer]];
}

parentPort?.on('message', async (message: { seq: number; job: SearchJob }) => {
  try {
    const [reply, transfer] = await answer(message);
    parentPort?.postMessage(reply, transfer);
  } catch (error) {
    parentPort?.postMessage({ seq: message.seq, error: (error as Error).message || String(error) });
  }
});
