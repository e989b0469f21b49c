/** Worker thread for `newsbite extract --batch --workers N`: records in, result records out. */
import { parentPort } from 'node:worker_threads';
import { type BatchInput, extractRecord } from './batch.js';

parentPort?.on('message', (message: { seq: number; input: BatchInput }) => {
  parentPort?.postMessage({ seq: message.seq, result: extractRecord(message.input) });
});
