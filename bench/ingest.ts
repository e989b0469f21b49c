/**
 * `npm run bench:ingest`: articles per second for feed → page → store, on one core.
 *
 * 772 real news texts (ECB+ dev, ../shared/bench/cluster; generated texts when absent) are
 * published as 16 local RSS feeds of teasers, each linking an HTML page (with navigation,
 * related links and footer around the article). The poller then does what it does for real
 * feeds: parse each feed, fetch each page, extract it, and store it (FTS index included).
 *
 *   A. parse + extract + store          pages from memory (a Fetcher over a Map): pure CPU
 *   B. A + bite                         the analysis stage
 *   C. A + bite + stories               the whole pipeline
 *   D. C over HTTP                      the guarded fetcher against a local server in a worker thread
 *
 * Writes docs/bench/ingest.md. Options: --articles N (repeat texts to reach N), --no-doc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { defaultConfig } from '../src/config.js';
import type { Fetcher, FetchResult } from '../src/fetch/index.js';
import { Poller } from '../src/jobs/index.js';
import { defaultStages, type OptionalStages } from '../src/jobs/stages.js';
import { openStore } from '../src/store/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const wanted = Number(args[args.indexOf('--articles') + 1]) || 0;
const writeDoc = !args.includes('--no-doc');
const FEEDS = 16;

interface Doc {
  title: string;
  text: string;
}

function loadDocs(): { docs: Doc[]; source: string } {
  const file = path.resolve(root, '../shared/bench/cluster/data/ecbplus-dev.jsonl.gz');
  if (fs.existsSync(file)) {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
    return {
      docs: lines.map((l) => JSON.parse(l) as Doc).filter((d) => d.title && d.text),
      source: 'ECB+ dev texts (../shared/bench/cluster)',
    };
  }
  const docs = Array.from({ length: 500 }, (_, i) => ({
    title: `Generated report ${i}`,
    text: Array.from(
      { length: 8 },
      (_, p) =>
        `Paragraph ${p} of report ${i} says the council discussed item ${i * 7 + p} at length, and officials promised a decision within ${p + 2} weeks.`,
    ).join('\n\n'),
  }));
  return { docs, source: 'generated texts (shared corpus not found)' };
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(doc: Doc, i: number): string {
  const body = doc.text
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  const date = new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)} | Bench Herald</title>
<meta property="og:site_name" content="Bench Herald"><meta property="article:published_time" content="${date}">
<meta name="author" content="Staff Reporter"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${esc(doc.title)}</h1><p class="byline">By Staff Reporter</p>
${body}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/r/1">Another story</a></li><li><a href="/r/2">And another</a></li></ul></aside></main>
<footer><p>© Bench Herald. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

function buildSite(docs: Doc[], base: string): Map<string, { type: string; body: string }> {
  const routes = new Map<string, { type: string; body: string }>();
  const perFeed = Math.ceil(docs.length / FEEDS);
  for (let f = 0; f < FEEDS; f++) {
    const items: string[] = [];
    for (let i = f * perFeed; i < Math.min(docs.length, (f + 1) * perFeed); i++) {
      const link = `${base}/a/${i}`;
      routes.set(`/a/${i}`, { type: 'text/html; charset=utf-8', body: page(docs[i], i) });
      const teaser = docs[i].text.slice(0, 160).replace(/\s+\S*$/, '…');
      items.push(
        `<item><title>${esc(docs[i].title)}</title><link>${link}</link><guid>${link}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 600_000).toUTCString()}</pubDate><description>${esc(teaser)}</description></item>`,
      );
    }
    routes.set(`/feed/${f}.xml`, {
      type: 'application/rss+xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed ${f}</title><link>${base}/</link>${items.join('')}</channel></rss>`,
    });
  }
  return routes;
}

function memoryFetcher(routes: Map<string, { type: string; body: string }>): Fetcher {
  const encoded = new Map([...routes].map(([k, v]) => [k, { type: v.type, body: Buffer.from(v.body) }]));
  return {
    async fetch(input) {
      const url = String(input);
      const route = encoded.get(new URL(url).pathname);
      if (!route) throw new Error(`no route for ${url}`);
      const result: FetchResult = {
        url,
        status: 200,
        headers: { 'content-type': route.type },
        body: route.body,
        notModified: false,
        redirects: [],
        movedPermanently: false,
      };
      return result;
    },
    async close() {},
  };
}

/** A local HTTP server in a worker thread (so serving does not share the measured thread); routes arrive once its port is known. */
async function startServerWorker(
  docs: Doc[],
): Promise<{ base: string; routes: Map<string, { type: string; body: string }>; worker: Worker }> {
  const worker = new Worker(
    `const http = require('node:http'); const { parentPort } = require('node:worker_threads');
     let routes = new Map();
     parentPort.on('message', (entries) => { routes = new Map(entries); parentPort.postMessage('ready'); });
     const server = http.createServer((req, res) => { const r = routes.get(req.url);
       if (!r) { res.writeHead(404).end(); return; } res.writeHead(200, { 'content-type': r.type }).end(r.body); });
     server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const base = `http://127.0.0.1:${port}`;
  const routes = buildSite(docs, base);
  worker.postMessage([...routes]);
  await new Promise((resolve) => worker.once('message', resolve));
  return { base, routes, worker };
}

interface Run {
  name: string;
  articles: number;
  seconds: number;
  cpuSeconds: number;
}

async function run(
  name: string,
  base: string,
  stages: OptionalStages,
  fetcher?: Fetcher,
  feedPaths: string[] = Array.from({ length: FEEDS }, (_, f) => `/feed/${f}.xml`),
  fullText: 'always' | 'never' = 'always',
): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-ingest-'));
  const config = defaultConfig({});
  config.dataDir = dataDir;
  config.fetch.allowPrivate = ['127.0.0.1'];
  config.fetch.perHostConcurrency = 8;
  config.poll.concurrency = 4;
  const store = await openStore(config);
  try {
    for (const feedPath of feedPaths) await store.addFeed({ url: `${base}${feedPath}`, fullText });
    const poller = new Poller(store, config, { fetcher, stages });
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const results = await poller.pollOnce();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    await poller.close();
    const failed = results.filter((r) => r.status !== 'ok' || r.pageErrors);
    if (failed.length)
      throw new Error(
        `${name}: ${failed.length} feeds failed: ${failed[0].error ?? `${failed[0].pageErrors} page errors`}`,
      );
    const articles = await store.countArticles();
    return { name, articles, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function mainBench(): Promise<void> {
  const { docs: loaded, source } = loadDocs();
  let docs = loaded;
  if (wanted > docs.length)
    docs = Array.from({ length: wanted }, (_, i) => ({
      ...loaded[i % loaded.length],
      title: `${loaded[i % loaded.length].title} (${i})`,
    }));
  else if (wanted) docs = docs.slice(0, wanted);
  const words = docs.reduce((n, d) => n + d.text.split(/\s+/).length, 0) / docs.length;
  const memBase = 'https://bench.example';
  const memRoutes = buildSite(docs, memBase);
  const full = defaultStages(defaultConfig({}).summary);

  // Warm-up (module loading, JIT) on a small slice, not measured.
  await run('warm-up', memBase, full, memoryFetcher(buildSite(docs.slice(0, 40), memBase)));

  const runs: Run[] = [];
  runs.push(await run('A. parse + extract + store', memBase, {}, memoryFetcher(memRoutes)));
  runs.push(await run('B. A + bite', memBase, { bite: full.bite }, memoryFetcher(memRoutes)));
  runs.push(await run('C. A + bite + stories (whole pipeline)', memBase, full, memoryFetcher(memRoutes)));
  const server = await startServerWorker(docs);
  try {
    runs.push(await run('D. C over local HTTP (guarded fetcher)', server.base, full));
  } finally {
    await server.worker.terminate();
  }
  // One feed of 10,000 full-content items (the feed's own HTML, no page fetches, no bite/stories).
  const bigItems = Array.from({ length: 10_000 }, (_, i) => {
    const doc = docs[i % docs.length];
    const html = doc.text
      .split(/\n+/)
      .slice(0, 4)
      .map((p) => `<p>${esc(p)}</p>`)
      .join('');
    return `<item><title>${esc(doc.title)} #${i}</title><link>${memBase}/big/${i}</link><guid>big-${i}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}</pubDate><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  });
  const bigRoutes = new Map([
    [
      '/big.xml',
      {
        type: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Big</title>${bigItems.join('')}</channel></rss>`,
      },
    ],
  ]);
  runs.push(
    await run(
      'E. one 10,000-item feed: parse + extract + store',
      memBase,
      {},
      memoryFetcher(bigRoutes),
      ['/big.xml'],
      'never',
    ),
  );

  const rows = runs.map((r) => {
    const rate = r.articles / r.seconds;
    const perCpu = r.articles / r.cpuSeconds;
    return `| ${r.name} | ${r.articles} | ${r.seconds.toFixed(2)} | ${rate.toFixed(0)} | **${perCpu.toFixed(0)}** | ${((r.cpuSeconds * 1000) / r.articles).toFixed(2)} |`;
  });
  const table = [
    '| run | articles | wall s | articles/s (wall) | articles per CPU-second | CPU ms/article |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  const when = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const cpus = os.cpus();
  const load = os.loadavg()[0].toFixed(1);
  const header = `Measured ${when} UTC on ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'} (shared with other work: load average ${load} at the end of the run), Node ${process.version}.`;
  console.log(header);
  console.log(
    `${docs.length} articles from ${source}, ${words.toFixed(0)} words on average, in ${FEEDS} feeds of teasers.\n`,
  );
  console.log(table);
  if (!writeDoc) return;
  const doc = `# Ingest benchmark

${header}

Command (from the repository root):

\`\`\`sh
npm run bench:ingest          # = tsx bench/ingest.ts; --articles N to repeat/trim the texts, --no-doc to skip this file
\`\`\`

Input: ${docs.length} articles from ${source}, ${words.toFixed(0)} words on average, published as ${FEEDS} local RSS feeds
of teasers; each item links an HTML page with the article inside navigation, related links and a footer. The poller
does what it does for real feeds (feeds marked full-text so every page is fetched): parse each feed, fetch each page,
extract it, and store it in a fresh SQLite database (WAL, FTS5 index, one transaction per 32 entries). JavaScript runs
on one thread, so articles/s of a run is the rate of one core when the machine is otherwise idle; on a shared,
loaded machine the wall clock also counts time the process waited for a core, so **articles per CPU-second** (the
process's CPU time, SQLite and GC threads included) is the per-core figure to compare with the target.

${table}

- A is the issue's target (parse + extract + store, ≥ 100 articles/s per core).
- B and C add the analysis stage (bite: summary, entities, quotes, sourcing) and the story engine (copies + clustering).
- D is C with pages served over HTTP by a server in a worker thread, through the guarded fetcher (address checks, timeouts,
  per-host cap of 8 here, decoding).
- E is one feed of 10,000 items with full content (the body comes from the feed; no page fetches, no bite or stories).
- Wall-clock figures move with the machine's load from run to run (other work shares the 2 cores); CPU figures are steadier.
`;
  fs.mkdirSync(path.join(root, 'docs/bench'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs/bench/ingest.md'), doc);
  console.log('\nwrote docs/bench/ingest.md');
}

await mainBench();
