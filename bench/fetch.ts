/**
 * Fetcher overhead: requests/s through the guarded fetcher vs. a bare undici Agent, against a
 * local server (127.0.0.1) serving a small feed, plain and gzipped. Run: npx tsx bench/fetch.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { Agent } from 'undici';
import { defaultConfig } from '../src/config.js';
import { createFetcher } from '../src/fetch/index.js';

const REQUESTS = Number(process.env.REQUESTS ?? 5000);
const CONCURRENCY = 8;
const item = (i: number) =>
  `<item><title>Story ${i}</title><link>http://example.org/${i}</link><guid>${i}</guid></item>`;
const feed = Buffer.from(
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${Array.from({ length: 50 }, (_, i) => item(i)).join('')}</channel></rss>`,
);
const gzipped = zlib.gzipSync(feed);

const server = http.createServer((req, res) => {
  const gz = req.url === '/gz';
  res.writeHead(200, {
    'Content-Type': 'application/rss+xml',
    ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(gz ? gzipped : feed);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function run(label: string, once: (path: string) => Promise<number>, path: string) {
  let next = 0;
  let bytes = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const size = await once(path);
        bytes += size;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(32)} ${(REQUESTS / seconds).toFixed(0).padStart(6)} req/s  (${bytes} body bytes)`,
  );
}

const fetcher = createFetcher({
  ...defaultConfig({}).fetch,
  allowPrivate: ['127.0.0.1'],
  perHostConcurrency: CONCURRENCY,
});
const bare = new Agent();
const guarded = async (path: string) => (await fetcher.fetch(base + path)).body.length;
const plain = async (path: string) => {
  const res = await bare.request({ origin: base, path, method: 'GET' });
  return (await res.body.arrayBuffer()).byteLength;
};

console.log(
  `${REQUESTS} requests, ${CONCURRENCY} at a time, feed of ${feed.length} bytes (${gzipped.length} gzipped)`,
);
// Round 1 warms up the JIT and the connection pools; read round 2.
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}`);
  await run('bare undici, plain', plain, '/plain');
  await run('guarded fetcher, plain', guarded, '/plain');
  await run('guarded fetcher, gzip (decoded)', guarded, '/gz');
}
await fetcher.close();
await bare.close();
server.close();
