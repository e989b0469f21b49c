/** Two processes claiming from one job table never get the same job. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { tempDir } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function worker(dataDir: string, owner: string): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'test/fixtures/ingest/claim-worker.ts'), dataDir, owner],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker ${owner} exited ${code}: ${err}`)),
    ),
  );
}

it('hands each due job to exactly one of two processes', async () => {
  const dir = tempDir('newsbite-claim-');
  try {
    const store = await openStore({ dataDir: dir });
    for (let i = 0; i < 300; i++) await store.enqueueJob('poll', `feed-${i}`, new Date(Date.now() - 1000));
    await store.close();
    const [a, b] = await Promise.all([worker(dir, 'host:1'), worker(dir, 'host:2')]);
    const all = [...a, ...b];
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
