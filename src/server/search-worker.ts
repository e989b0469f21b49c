/**
 * A search worker thread: its own read-only connection to the database (WAL lets it read while
 * the main thread writes), the same renderSearchPage as the main thread, and the gzip.
 */

import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type ReaderDatabase, ReaderStore } from '../store/reader.js';
import { renderSearchPage, type SearchJob } from './search-page.js';
import type { SearchWorkerData, SearchWorkerReply } from './search-workers.js';

const data = workerData as SearchWorkerData;
const database = new Database(data.file, { readonly: true, fileMustExist: true });
const db = new Kysely<ReaderDatabase>({ dialect: new SqliteDialect({ database }) });
const reader = new ReaderStore(db, { file: data.file });
const ctx = { assets: new Map(Object.entries(data.assetHashes).map(([name, hash]) => [name, { hash }])) };

parentPort?.on('message', async (message: { seq: number; job: SearchJob }) => {
  let reply: SearchWorkerReply;
  try {
    const page = await renderSearchPage(reader, ctx, message.job);
    reply = { seq: message.seq, ...page, gzip: zlib.gzipSync(page.html, { level: 1 }) };
  } catch (error) {
    reply = { seq: message.seq, error: (error as Error).message || String(error) };
  }
  parentPort?.postMessage(reply);
});
