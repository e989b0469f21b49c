/**
 * `npm run bench:serve`: the reader under load.
 *
 * 1. Builds (once, cached in bench/out/) a database of 100,000 synthetic articles in 5,000
 *    stories through the store's own API (upsertEntry, setStoryAssignment, refreshStories).
 * 2. Starts `newsbite serve --no-poll` as a child process on that data and signs in.
 * 3. Drives the front page, article pages and searches with 50 concurrent connections for a
 *    fixed time each, and reports exact p50/p95/p99 from every request's latency and errors.
 * 4. Measures cold start: spawn of `newsbite serve` → the first page answered, 5 runs.
 *
 * Flags: --articles N --stories N --connections N --duration SEC --fresh
 *        --only front,article,search,search-cached,search-repeat (rows to run; skips cold start)
 *        --profile DIR (CPU profile of the server during the load runs)
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import type { Article, Bite, Block } from '../src/model/index.js';
import { renderHtml, renderText } from '../src/model/render.js';
import { createUser } from '../src/server/routes/pages.js';
import { openStore } from '../src/store/index.js';
import { ReaderStore } from '../src/store/reader.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const ARTICLES = arg('articles', 100_000);
const STORIES = arg('stories', 5_000);
const CONNECTIONS = arg('connections', 50);
const DURATION_SEC = arg('duration', 10);
/**
 * The load generator: `wrk` (Debian's, C, ~0.03 ms of CPU a request) when it is installed, else
 * an undici Pool in this process (~0.13 ms): on 2 cores the loader's CPU is taken from the server.
 * `--loader node` forces the Pool (the only loader before 2026-11-26 22:00).
 */
const LOADER: 'wrk' | 'node' = process.argv.includes('--loader')
  ? (process.argv[process.argv.indexOf('--loader') + 1] as 'wrk' | 'node')
  : fs.existsSync('/usr/bin/wrk')
    ? 'wrk'
    : 'node';
/** Seconds of load before each measured run: JIT, SQLite's pages, the search workers' start. */
const WARMUP_SEC = arg('warmup', 2);
const FRESH = process.argv.includes('--fresh');
/** `--only front,article,search,search-cached,search-repeat`: run only these rows (and skip cold start). */
const ONLY = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1].split(',')
  : undefined;
const runs = (row: string) => !ONLY || ONLY.includes(row);
/** `--profile DIR`: the load runs' server writes a V8 CPU profile (node --cpu-prof) into DIR. */
const PROFILE_DIR = process.argv.includes('--profile')
  ? path.resolve(process.argv[process.argv.indexOf('--profile') + 1])
  : undefined;
const PER_STORY = 12;
const FEEDS = 40;
const USER = 'bench';
const PASSWORD = 'bench-password';

/** Deterministic PRNG (mulberry32) so every run builds the same corpus. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);

// A Zipf-like vocabulary of pronounceable pseudo-words, plus real topic words for searches.
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'tin',
  'sa',
  'ro',
  'ven',
  'del',
  'pa',
  'qui',
  'bra',
  'no',
  'ster',
  'li',
  'mon',
  'gar',
];
const VOCAB = Array.from({ length: 20_000 }, (_, i) => {
  let w = '';
  let n = i + 7;
  while (n > 0) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return w;
});
const TOPICS = [
  'election',
  'flood',
  'budget',
  'vaccine',
  'strike',
  'merger',
  'wildfire',
  'summit',
  'tariff',
  'verdict',
];
const NAMES = Array.from(
  { length: 500 },
  (_, i) =>
    `${VOCAB[i * 7 + 3].replace(/^./, (c) => c.toUpperCase())} ${VOCAB[i * 13 + 5].replace(/^./, (c) => c.toUpperCase())}`,
);

function word(): string {
  // Zipf: rank ~ 1/u, capped to the vocabulary.
  const rank = Math.min(VOCAB.length - 1, Math.floor(1 / (random() + 1e-4)) + Math.floor(random() * 200));
  return VOCAB[rank];
}

function sentence(topic: string, name: string): string {
  const words = Array.from({ length: 14 + Math.floor(random() * 10) }, word);
  words[3] = topic;
  if (random() < 0.4) words[8] = name;
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

function synthetic(i: number, story: number): { article: Article; bite: Bite } {
  const topic = TOPICS[story % TOPICS.length];
  const name = NAMES[story % NAMES.length];
  const blocks: Block[] = Array.from({ length: 6 }, () => ({
    kind: 'paragraph' as const,
    text: Array.from({ length: 3 }, () => sentence(topic, name)).join(' '),
  }));
  const published = new Date(Date.UTC(2026, 0, 1) + i * 30_000).toISOString();
  const headline = `${topic[0].toUpperCase()}${topic.slice(1)}: ${Array.from({ length: 6 }, word).join(' ')}`;
  const text = renderText(blocks);
  return {
    article: {
      url: `https://site${i % FEEDS}.example/a/${i}`,
      siteName: `Outlet ${i % FEEDS}`,
      headline,
      authors: [NAMES[(i * 7) % NAMES.length]],
      published,
      keywords: [topic],
      blocks,
      text,
      html: renderHtml(blocks),
      diagnostics: { removed: [], notes: [], extractor: 'bench' },
    },
    bite: {
      summary: [{ text: (blocks[0] as { text: string }).text.split('. ')[0] + '.' }],
      keyPoints: [(blocks[1] as { text: string }).text.split('. ')[0] + '.'],
      entities: [{ name, type: 'person', count: 2, first: 0, mentions: [name] }],
      quotes: [],
      sourcing: {
        named: 1,
        anonymous: 0,
        hedges: {},
        outlets: [],
        level: 'mostly-named',
        note: 'Attributes claims to named sources.',
      },
      keywords: [topic],
      method: 'lead',
    },
  };
}

async function buildCorpus(dataDir: string): Promise<void> {
  const marker = path.join(dataDir, 'complete');
  if (!FRESH && fs.existsSync(marker)) return;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const store = await openStore({ dataDir });
  const feeds: number[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const feed = await store.addFeed({
      url: `https://site${f}.example/feed.xml`,
      title: `Outlet ${f}`,
      paused: true,
    });
    feeds.push(feed.id);
  }
  const inStories = Math.min(ARTICLES, STORIES * PER_STORY);
  const ids: number[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const story = i < inStories ? Math.floor(i / PER_STORY) : -1;
    const { article, bite } = synthetic(i, story >= 0 ? story : i);
    const r = await store.upsertEntry({
      feedId: feeds[i % FEEDS],
      guid: `g${i}`,
      url: article.url,
      canonicalUrl: article.url,
      contentHash: `h${i}`,
      article,
      bite,
      sourceName: `Outlet ${i % FEEDS}`,
    });
    ids.push(r.id);
    if (i % 10_000 === 9_999)
      process.stderr.write(`  ${i + 1} articles (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  for (let s = 0; s < STORIES; s++) {
    const first = s * PER_STORY;
    if (first >= ARTICLES) break;
    for (let k = 0; k < PER_STORY && first + k < ARTICLES; k++) {
      const id = ids[first + k];
      // The last article of every story is a syndicated copy of the one before it.
      const copyOf = k === PER_STORY - 1 ? String(ids[first + k - 1]) : undefined;
      await store.setStoryAssignment(id, { story: `s${s}`, copyGroup: copyOf ?? String(id), copyOf });
    }
  }
  for (let s = 0; s < STORIES; s += 250) {
    const batch = [];
    for (let k = s; k < Math.min(STORIES, s + 250); k++) {
      const a = ids[k * PER_STORY];
      const b = ids[k * PER_STORY + 1];
      if (a === undefined) break;
      batch.push({
        id: `s${k}`,
        bite: [
          { text: `Story ${k} summary sentence one.`, source: String(a) },
          { text: 'A second sentence.', source: String(b) },
        ],
      });
    }
    await store.refreshStories(batch);
  }
  const reader = new ReaderStore(store.db as never);
  await createUser({ reader }, USER, PASSWORD, true);
  await store.close();
  fs.writeFileSync(marker, new Date().toISOString());
  process.stderr.write(`corpus built in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

/**
 * `count` different search queries shaped like what readers type, from the corpus' own words:
 * one or two words (frequent and rare), a phrase, an exclusion, a prefix, and the filters
 * (intitle:, source:, entity:, after:). Deterministic; no query appears twice.
 */
function distinctQueries(count: number): string[] {
  const draw = rng(99);
  // Mostly the frequent words (ranks below ~250 are in most articles), sometimes a rarer one.
  const vocab = () => VOCAB[draw() < 0.8 ? Math.floor(draw() * 250) : 250 + Math.floor(draw() * 4000)];
  const topic = () => TOPICS[Math.floor(draw() * TOPICS.length)];
  // A prefix search types a stem, as in `elect*`: a word of 7+ letters less its last two.
  const stem = (): string => {
    const w = vocab();
    return w.length >= 7 ? w.slice(0, -2) : stem();
  };
  const shapes: (() => string)[] = [
    () => vocab(),
    () => `${topic()} ${vocab()}`,
    () => `${vocab()} ${vocab()}`,
    () => `"${topic()} ${vocab()}"`,
    () => `${topic()} -${vocab()}`,
    () => `${stem()}* ${vocab()}`,
    () => `intitle:${topic()} ${vocab()}`,
    () => `${vocab()} source:"Outlet ${Math.floor(draw() * FEEDS)}"`,
    () => `entity:"${NAMES[Math.floor(draw() * NAMES.length)]}" ${vocab()}`,
    () => `${topic()} ${vocab()} after:2026-01-${String(2 + Math.floor(draw() * 27)).padStart(2, '0')}`,
  ];
  const seen = new Set<string>();
  while (seen.size < count) seen.add(shapes[Math.floor(draw() * shapes.length)]());
  return [...seen];
}

type Launch = 'cli' | 'server';

/**
 * 'cli' is what `npm start` runs (node dist/cli/bin.js serve; tsx on src when there is no
 * build); 'server' starts src/server/serve.ts alone, without the other commands' imports.
 */
function serverCommand(launch: Launch): { cmd: string; args: string[]; label: string } {
  if (launch === 'server') {
    return {
      cmd: process.execPath,
      args: [
        ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
      ],
      label: 'startServer() via tsx',
    };
  }
  const dist = path.join(ROOT, 'dist', 'cli', 'bin.js');
  if (fs.existsSync(dist))
    return { cmd: process.execPath, args: [dist, 'serve'], label: 'node dist/cli/bin.js serve' };
  return {
    cmd: process.execPath,
    args: ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'bin.ts'), 'serve'],
    label: 'node --import tsx src/cli/bin.ts serve',
  };
}

async function startChild(
  dataDir: string,
  port: number,
  launch: Launch,
): Promise<{ child: ChildProcess; msToFirstPage: number }> {
  const { cmd, args } = serverCommand(launch);
  const started = performance.now();
  const child = spawn(cmd, [...args, '--no-poll', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, NEWSBITE_DATA_DIR: dataDir, NEWSBITE_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.status === 200) return { child, msToFirstPage: performance.now() - started };
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function signInCookie(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const pre = /nb_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `nb_csrf=${pre}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: USER, password: PASSWORD, _csrf: csrf }),
  });
  const session = /nb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return `nb_session=${session[1]}`;
}

/**
 * CPU time (user + system, ms) the server process has used so far, from /proc (Linux; clock
 * ticks of 10 ms): divided by the requests of a run it gives server CPU per request, which,
 * unlike latency, hardly depends on what else the machine is running.
 */
function serverCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface LoadResult {
  /** Server CPU ms per request (undefined where /proc is missing). */
  cpuPerRequest?: number;
  /** The load generator's own CPU per request (it shares the machine's cores with the server). */
  loaderCpuPerRequest: number;
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Drives one page with the chosen loader; `maxRate` (req/s) sizes wrk's list of paths. */
function load(
  base: string,
  cookie: string,
  name: string,
  nextPath: () => string,
  serverPid: number | undefined,
  maxRate: number,
): Promise<LoadResult> {
  return LOADER === 'wrk'
    ? loadWithWrk(base, cookie, name, nextPath, serverPid, maxRate)
    : loadWithNode(base, cookie, name, nextPath, serverPid);
}

async function loadWithNode(
  base: string,
  cookie: string,
  name: string,
  nextPath: () => string,
  serverPid?: number,
): Promise<LoadResult> {
  const pool = new Pool(base, { connections: CONNECTIONS, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const res = await pool.request({
          path: nextPath(),
          method: 'GET',
          headers: { cookie, 'accept-encoding': 'gzip' },
        });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) errors += record ? 1 : 0;
      } catch {
        errors += record ? 1 : 0;
      }
      if (record) latencies.push(performance.now() - t0);
    }
  };
  // Warm-up: caches, JIT, SQLite pages.
  await Promise.all(
    Array.from({ length: CONNECTIONS }, () => run(performance.now() + WARMUP_SEC * 1000, false)),
  );
  const cpuBefore = serverCpuMs(serverPid);
  const loaderBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, () => run(started + DURATION_SEC * 1000, true)));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = serverCpuMs(serverPid);
  const loaderCpu = process.cpuUsage(loaderBefore);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    cpuPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && latencies.length
        ? (cpuAfter - cpuBefore) / latencies.length
        : undefined,
    loaderCpuPerRequest: (loaderCpu.user + loaderCpu.system) / 1000 / Math.max(1, latencies.length),
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/** wrk's script: paths from a file in order (wrapping, counted), results on one line. */
const WRK_SCRIPT = `
local paths = {}
local i = 0
local wrapped = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
request = function()
  i = i + 1
  if i > #paths then i = 1; wrapped = wrapped + 1 end
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("NB_RESULT %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, wrapped))
end
`;

/** One wrk run (one thread, CONNECTIONS connections) over `paths`; CPU from the shell's `times`. */
function runWrk(base: string, cookie: string, paths: string[], seconds: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-wrk-'));
  try {
    fs.writeFileSync(path.join(dir, 'paths.txt'), `${paths.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, 'paths.lua'), WRK_SCRIPT);
    const command = [
      `wrk -t1 -c${CONNECTIONS} -d${seconds}s --timeout 10s -s ${dir}/paths.lua`,
      `-H 'Cookie: ${cookie}' -H 'Accept-Encoding: gzip' ${base} -- ${dir}/paths.txt; times`,
    ].join(' ');
    const out = execSync(command, { shell: '/bin/sh', encoding: 'utf8', maxBuffer: 1 << 24 });
    const fields = /NB_RESULT (.+)/.exec(out)?.[1].split(' ').map(Number);
    if (!fields) throw new Error(`wrk gave no result:\n${out}`);
    const [requests, durationUs, errors, p50, p95, p99, max, wrapped] = fields;
    // `times` prints the shell's own user/system time, then its children's (wrk's).
    const clock = [...out.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    const loaderCpuMs = ((clock[2] ?? 0) + (clock[3] ?? 0)) * 1000;
    return { requests, durationUs, errors, p50, p95, p99, max, wrapped, loaderCpuMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function loadWithWrk(
  base: string,
  cookie: string,
  name: string,
  nextPath: () => string,
  serverPid: number | undefined,
  maxRate: number,
): Promise<LoadResult> {
  runWrk(base, cookie, Array.from({ length: Math.ceil(WARMUP_SEC * maxRate) }, nextPath), WARMUP_SEC);
  const paths = Array.from({ length: Math.ceil(DURATION_SEC * maxRate) }, nextPath);
  const cpuBefore = serverCpuMs(serverPid);
  const r = runWrk(base, cookie, paths, DURATION_SEC);
  const cpuAfter = serverCpuMs(serverPid);
  if (r.wrapped)
    process.stderr.write(
      `warning: ${name}: wrk went through its ${paths.length} paths ${r.wrapped} more time(s)\n`,
    );
  return {
    name,
    requests: r.requests,
    errors: r.errors,
    rps: r.requests / (r.durationUs / 1e6),
    p50: r.p50 / 1000,
    p95: r.p95 / 1000,
    p99: r.p99 / 1000,
    max: r.max / 1000,
    cpuPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && r.requests
        ? (cpuAfter - cpuBefore) / r.requests
        : undefined,
    loaderCpuPerRequest: r.loaderCpuMs / Math.max(1, r.requests),
  };
}

async function main() {
  const loadBefore = os.loadavg()[0];
  const dataDir = path.join(ROOT, 'bench', 'out', `serve-${ARTICLES}-${STORIES}`);
  process.stderr.write(`corpus: ${ARTICLES} articles, ${STORIES} stories in ${dataDir}\n`);
  await buildCorpus(dataDir);
  const port = 18000 + Math.floor(Math.random() * 2000);
  const { child } = await startChild(dataDir, port, 'server');
  const base = `http://127.0.0.1:${port}`;
  const results: LoadResult[] = [];
  try {
    const cookie = await signInCookie(base);
    const pick = rng(7);
    const maxId = ARTICLES;
    const queries = [
      ...TOPICS,
      ...TOPICS.map((t) => `${t} ${VOCAB[20 + Math.floor(pick() * 50)]}`),
      ...TOPICS.map((t) => `"${t}" -${VOCAB[5]}`),
      ...TOPICS.map((t) => `intitle:${t} source:"Outlet 3"`),
      ...NAMES.slice(0, 10).map((n) => `entity:"${n}" ${TOPICS[0]}`),
    ];
    if (runs('front'))
      results.push(
        await load(
          base,
          cookie,
          'front page  GET /',
          () => `/?page=${1 + Math.floor(pick() * 3)}`,
          child.pid,
          30_000,
        ),
      );
    if (runs('article'))
      results.push(
        await load(
          base,
          cookie,
          'article     GET /articles/:id',
          () => `/articles/${1 + Math.floor(pick() * maxId)}`,
          child.pid,
          10_000,
        ),
      );
    // The honest search row: every request is a query nobody asked before (see distinctQueries),
    // so none can come from the server's page cache.
    if (runs('search')) {
      const distinct = distinctQueries(80_000);
      let next = 0;
      results.push(
        await load(
          base,
          cookie,
          'search, distinct queries (uncached)',
          () => `/search?q=${encodeURIComponent(distinct[next++ % distinct.length])}`,
          child.pid,
          4_000,
        ),
      );
      if (next > distinct.length)
        process.stderr.write(`warning: ${next} searches cycled ${distinct.length} queries\n`);
    }
    if (runs('search-cached'))
      results.push(
        await load(
          base,
          cookie,
          'search, 50 repeated queries (page-cache hits)',
          () => `/search?q=${encodeURIComponent(queries[Math.floor(pick() * queries.length)])}`,
          child.pid,
          30_000,
        ),
      );
    // The same 50 queries again, each made new by excluding one of 20,000 words no article has:
    // the results are the same, but the server's page cache never has them (its cost uncached).
    if (runs('search-repeat'))
      results.push(
        await load(
          base,
          cookie,
          'search, the 50 queries + a unique -word (uncached)',
          () =>
            `/search?q=${encodeURIComponent(`${queries[Math.floor(pick() * queries.length)]} -zq${Math.floor(pick() * 20_000)}x`)}`,
          child.pid,
          4_000,
        ),
      );
  } finally {
    await stopChild(child);
  }
  const cold: Record<Launch, number[] | string> = { cli: [], server: [] };
  for (const launch of ONLY ? [] : (['cli', 'server'] as const)) {
    for (let i = 0; i < 5; i++) {
      try {
        const { child: c, msToFirstPage } = await startChild(dataDir, port + 1 + i, launch);
        (cold[launch] as number[]).push(msToFirstPage);
        await stopChild(c);
      } catch (error) {
        cold[launch] = (error as Error).message;
        break;
      }
    }
  }

  const fmt = (n: number) => n.toFixed(1);
  const lines = [
    `| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/req | loader CPU ms/req |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.cpuPerRequest === undefined ? '–' : r.cpuPerRequest.toFixed(2)} | ${r.loaderCpuPerRequest.toFixed(2)} |`,
    ),
  ];
  process.stdout.write(
    `\n${ARTICLES} articles, ${STORIES} stories, ${CONNECTIONS} connections, ${DURATION_SEC} s per page after ${WARMUP_SEC} s of warm-up, loader ${LOADER} (server: ${serverCommand('server').label})\n\n`,
  );
  process.stdout.write(`${lines.join('\n')}\n\n`);
  // The machine is shared: the 1-minute load average says how much else was running.
  process.stdout.write(
    `${os.cpus().length} CPUs; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after; node ${process.version}\n\n`,
  );
  for (const launch of ONLY ? [] : (['cli', 'server'] as const)) {
    const runs = cold[launch];
    const label = serverCommand(launch).label;
    if (typeof runs === 'string') process.stdout.write(`cold start (${label}): failed: ${runs}\n`);
    else {
      runs.sort((a, b) => a - b);
      process.stdout.write(
        `cold start (${label}; spawn → first page answered), ${runs.length} runs: median ${fmt(runs[Math.floor(runs.length / 2)])} ms, max ${fmt(runs[runs.length - 1])} ms\n`,
      );
    }
  }
}

/** Child mode: the server alone, for the load runs. */
async function child(): Promise<void> {
  const { loadConfig } = await import('../src/config.js');
  const { startServer } = await import('../src/server/serve.js');
  const at = (flag: string) => process.argv[process.argv.indexOf(flag) + 1];
  const config = loadConfig(process.env, { PORT: at('--port'), HOST: at('--host') });
  const running = await startServer(config, { poll: false });
  process.once('SIGTERM', () => {
    running.close().then(() => process.exit(0));
  });
}

(process.argv.includes('--child') ? child() : main()).catch((error) => {
  process.stderr.write(`bench:serve failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
