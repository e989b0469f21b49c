/**
 * Starts a worker thread from a module beside the caller: the compiled `.js` when there is one
 * (dist), else the `.ts` source through tsx (running from source: `tsx`, vitest, benchmarks).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `base` is the module's URL without extension, e.g. `new URL('./search-worker', import.meta.url)`. */
export function startWorker(base: URL, options: WorkerOptions = {}): Worker {
  const js = new URL(`${base.href}.js`);
  if (fs.existsSync(fileURLToPath(js))) return new Worker(js, options);
  const ts = `${base.href}.ts`;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(ts)}, ${JSON.stringify(base.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}
