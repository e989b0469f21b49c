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

parentPort?.on('message', async (message: { seq: number; job: SearchJob }) => {
  let reply: SearchWorkerReply;
  try {
    const page = await renderSearchPage(reader, ctx, message.job);
    reply =
      page.status === 200
        ? { seq: message.seq, status: 200, gzip: zlib.gzipSync(page.html, { level: 1 }) }
        : { seq: message.seq, status: page.status, html: page.html };
  } catch (error) {
    reply = { seq: message.seq, error: (error as Error).message || String(error) };
  }
  parentPort?.postMessage(reply);
});
