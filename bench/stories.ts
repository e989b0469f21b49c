/**
 * npm run bench:stories [-- --sizes 1000,10000,100000 --skip-quality --skip-scale --only copies --out docs/bench/stories.md]
 *
 * 1. Copies: StoryEngine over ../shared/bench/dedup (date order, as the baseline) → groups →
 *    the shared scorer (pair/closure P/R/F1, recall per perturbation), next to the shared
 *    MinHash baseline; containment sensitivity.
 * 2. Stories: StoryEngine over ../shared/bench/cluster in 5 stream orders (the baseline's
 *    --shuffle-seed 1..5 shuffle) → the shared scorer (B³, pairwise), next to the shared
 *    TF-IDF baseline; threshold sensitivity.
 * 3. Scale: a synthetic dated stream built from the dev texts, one child process per size:
 *    per-article time, articles/s, peak RSS, live window size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { StoryEngine, type StoryEngineOptions } from '../src/stories/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SHARED = process.env.NEWSBITE_SHARED ?? path.resolve(root, '../shared/bench');
const DEDUP = path.join(SHARED, 'dedup');
const CLUSTER = path.join(SHARED, 'cluster');
const DEDUP_DOCS = path.join(DEDUP, 'data/dedup-dev.docs.jsonl.gz');
const DEDUP_GOLD = path.join(DEDUP, 'data/dedup-dev.gold.jsonl.gz');
const ECB = path.join(CLUSTER, 'data/ecbplus-dev.jsonl.gz');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-stories-'));

interface Row {
  id: string;
  source?: string | null;
  date?: string | null;
  url?: string;
  title: string;
  text: string;
  cluster?: string;
}

function args(): Record<string, string> {
  const out: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = 'true';
  }
  return out;
}

function readJsonl(file: string): Row[] {
  let buf = fs.readFileSync(file);
  if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

function writeJsonl(file: string, rows: unknown[]): void {
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** The shared baseline's shuffle (mulberry32-style), so "seed S" means the same order. */
function shuffle<T>(rows: T[], seed: number): T[] {
  const out = rows.slice();
  let s = seed >>> 0;
  const r = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a: number[]) => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => (100 * x).toFixed(2);

function node(script: string, argv: string[]): string {
  return execFileSync(process.execPath, [script, ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

// ------------------------------------------------------------------ copies
interface DedupScore {
  given: { p: number; r: number; f1: number };
  closure: { p: number; r: number; f1: number };
  ari: number;
  byKind: Record<string, { n: number; given: number; closure: number }>;
  byPert: Record<string, { n: number; given: number; closure: number }>;
}

function dateOrder(rows: Row[]): Row[] {
  return rows
    .map((r, i) => ({ r, i, t: Date.parse(r.date ?? '') }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);
}

function runCopies(options: StoreOpts): { score: DedupScore; digestsGrouped: number; seconds: number } {
  const rows = dateOrder(readJsonl(DEDUP_DOCS));
  const engine = new StoryEngine(options);
  const t0 = performance.now();
  const pred = rows.map((r) => {
    const a = engine.add({
      id: r.id,
      title: r.title,
      text: r.text,
      source: r.source ?? undefined,
      date: r.date ?? undefined,
    });
    return { id: r.id, group: a.copyGroup };
  });
  const seconds = (performance.now() - t0) / 1000;
  const file = path.join(TMP, 'copies.jsonl');
  writeJsonl(file, pred);
  const score = JSON.parse(
    node(path.join(DEDUP, 'score.mjs'), [file, DEDUP_GOLD, '--docs', DEDUP_DOCS, '--json']),
  );
  const clusterOf = new Map(rows.map((r) => [r.id, r.cluster ?? '']));
  const groups = new Map<string, string[]>();
  for (const p of pred) groups.set(p.group, [...(groups.get(p.group) ?? []), p.id]);
  let digestsGrouped = 0;
  for (const members of groups.values()) {
    if (members.length > 1 && members.some((m) => clusterOf.get(m)?.startsWith('digest'))) digestsGrouped++;
  }
  return { score, digestsGrouped, seconds };
}

type StoreOpts = StoryEngineOptions;

function copiesBaseline(): DedupScore {
  const file = path.join(TMP, 'baseline-pairs.jsonl');
  node(path.join(DEDUP, 'baseline.mjs'), [
    '--in',
    DEDUP_DOCS,
    '--method',
    'minhash',
    '--bands',
    '64',
    '--threshold',
    '0.25',
    '--out',
    file,
  ]);
  return JSON.parse(node(path.join(DEDUP, 'score.mjs'), [file, DEDUP_GOLD, '--docs', DEDUP_DOCS, '--json']));
}

// ------------------------------------------------------------------ stories
interface ClusterScore {
  bcubed: { p: number; r: number; f1: number };
  pairwise: { p: number; r: number; f1: number };
  ari: number;
  ami: number;
}

function scoreClusters(pred: Array<{ id: string; cluster: string }>, name: string): ClusterScore {
  const file = path.join(TMP, `${name}.jsonl`);
  writeJsonl(file, pred);
  return JSON.parse(node(path.join(CLUSTER, 'score.mjs'), [file, ECB, '--json']));
}

function runStories(options: StoreOpts, seeds: number[], finalConsolidation = true) {
  const rows0 = readJsonl(ECB);
  const resolved: ClusterScore[] = [];
  const streamed: ClusterScore[] = [];
  const redirected: ClusterScore[] = [];
  let seconds = 0;
  for (const seed of seeds) {
    const rows = shuffle(rows0, seed);
    const engine = new StoryEngine(options);
    const t0 = performance.now();
    const out = rows.map((r) => engine.add({ id: r.id, title: r.title, text: r.text }));
    if (finalConsolidation) engine.consolidate();
    seconds += (performance.now() - t0) / 1000;
    resolved.push(
      scoreClusters(
        out.map((a) => ({ id: a.id, cluster: engine.storyOf(a.id) ?? engine.resolve(a.story) })),
        `ours-${seed}`,
      ),
    );
    redirected.push(
      scoreClusters(
        out.map((a) => ({ id: a.id, cluster: engine.resolve(a.story) })),
        `redirected-${seed}`,
      ),
    );
    streamed.push(
      scoreClusters(
        out.map((a) => ({ id: a.id, cluster: a.story })),
        `stream-${seed}`,
      ),
    );
  }
  return { resolved, streamed, redirected, seconds };
}

function storiesBaseline(seeds: number[]): number[][] {
  const out: number[][] = [];
  for (const seed of seeds) {
    const res = JSON.parse(
      node(path.join(CLUSTER, 'baseline.mjs'), [
        '--in',
        ECB,
        '--threshold',
        '0.25',
        '--shuffle-seed',
        String(seed),
        '--json',
      ]),
    )[0];
    out.push([res.bcubedF1, res.pairF1]);
  }
  return out;
}

// ------------------------------------------------------------------ scale
/**
 * Synthetic dated stream: event instances drawn from the dev events; each article mixes
 * paragraphs of that event's dev texts, carries the instance's own names (so instances of one
 * dev event stay apart) and a date in the instance's 2-day span; a quarter are republished
 * copies with an outlet footer. About `perDay` articles a day.
 */
function* syntheticStream(n: number, perDay = 2000): Generator<Row> {
  const rows = readJsonl(ECB);
  const byEvent = new Map<string, string[][]>();
  for (const r of rows) {
    const paras = r.text.split(/\n\n+/).filter((p) => p.trim().length > 40);
    if (!paras.length) continue;
    byEvent.set(r.cluster ?? '', [...(byEvent.get(r.cluster ?? '') ?? []), paras]);
  }
  const events = [...byEvent.values()];
  let seed = 12345;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'tor',
    'va',
    'sel',
    'dun',
    'pra',
    'zi',
    'qua',
    'bel',
    'nor',
    'fen',
  ];
  const name = () => {
    const s = pick(syllables) + pick(syllables) + pick(syllables);
    return s[0].toUpperCase() + s.slice(1);
  };
  const start = Date.UTC(2020, 0, 1);
  const dayMs = 86_400_000;
  const live: Array<{ event: string[][]; names: string[]; t0: number; made: Row[] }> = [];
  for (let i = 0; i < n; i++) {
    const now = start + (i / perDay) * dayMs;
    // ~10 articles per instance: open a new instance with probability 0.1.
    if (live.length === 0 || rnd() < 0.1)
      live.push({ event: pick(events), names: [name(), name(), name()], t0: now, made: [] });
    while (live.length && now - live[0].t0 > 2 * dayMs) live.shift();
    const inst = live[Math.floor(rnd() * live.length)];
    const outlet = `outlet${Math.floor(rnd() * 40)}.example`;
    const date = new Date(now).toISOString();
    if (inst.made.length && rnd() < 0.25) {
      const orig = pick(inst.made);
      yield {
        id: `z${i}`,
        source: outlet,
        date,
        title: `${orig.title} | ${outlet}`,
        text: `${orig.text}\n\nOriginally published by ${orig.source}. Follow ${outlet} for more.`,
      };
      continue;
    }
    const paras: string[] = [];
    const k = 2 + Math.floor(rnd() * 4);
    for (let j = 0; j < k; j++) paras.push(pick(pick(inst.event)));
    paras[0] = `${inst.names[0]} ${inst.names[1]} of ${inst.names[2]}: ${paras[0]}`;
    const row: Row = {
      id: `z${i}`,
      source: outlet,
      date,
      title: `${inst.names[0]} ${pick(paras[1 % paras.length].split(/\s+/).filter((w) => w.length > 4)) ?? ''} ${inst.names[2]}`,
      text: paras.join('\n\n'),
    };
    inst.made.push(row);
    if (inst.made.length > 20) inst.made.shift();
    yield row;
  }
}

/**
 * One process per size, so peak RSS belongs to that size. Times are CPU time of the loop
 * (process.cpuUsage at the start, at 90 % and at the end; stream generation inside the loop is
 * about 1 % of it): the machine is shared, and wall time there measures the neighbours' load
 * as much as ours.
 */
const PROGRESS_EVERY = 100_000;

function scaleChild(n: number): void {
  const engine = new StoryEngine();
  const tailFrom = Math.floor(n * 0.9);
  let processed = 0;
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const c0 = cpu();
  const w0 = performance.now();
  let cTail = c0;
  let cSegment = c0;
  for (const r of syntheticStream(n)) {
    if (processed === tailFrom) cTail = cpu();
    engine.add({
      id: r.id,
      title: r.title,
      text: r.text,
      source: r.source ?? undefined,
      date: r.date ?? undefined,
    });
    processed++;
    // Progress on stderr for long runs: CPU per article in the last segment, live heap.
    if (processed % PROGRESS_EVERY === 0 && processed < n) {
      const now = cpu();
      (globalThis as { gc?: () => void }).gc?.();
      process.stderr.write(
        `${JSON.stringify({
          progress: processed,
          cpuMsPerArticleInSegment: (now - cSegment) / PROGRESS_EVERY,
          heapAfterGcMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
          liveStories: engine.liveStories,
        })}\n`,
      );
      cSegment = cpu();
    }
  }
  const c1 = cpu();
  const wall = performance.now() - w0;
  // Live heap after a full collection: what the window really holds (peak RSS also counts
  // garbage V8 had not collected yet).
  (globalThis as { gc?: () => void }).gc?.();
  const heapAfterGcMB = process.memoryUsage().heapUsed / 1024 / 1024;
  process.stdout.write(
    JSON.stringify({
      articles: processed,
      cpuMsPerArticle: (c1 - c0) / processed,
      cpuMsPerArticleLast10pct: (c1 - cTail) / (processed - tailFrom),
      articlesPerCpuSec: processed / ((c1 - c0) / 1000),
      wallMsPerArticle: wall / processed,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      heapAfterGcMB,
      liveStories: engine.liveStories,
      indexedArticles: engine.indexedArticles,
    }) + '\n',
  );
}

// ------------------------------------------------------------------ main
function main(): void {
  const a = args();
  if (a['scale-child']) {
    scaleChild(Number(a['scale-child']));
    return;
  }
  const started = new Date().toISOString();
  const seeds = [1, 2, 3, 4, 5];
  const md: string[] = [];
  const command = `npm run bench:stories${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  md.push('# Copies and stories benchmark', '');
  md.push(
    `Run: ${started} · \`${command}\` · Node ${process.version} · ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
    '',
  );

  if (a['skip-quality'] !== 'true') {
    // Copies
    const base = copiesBaseline();
    const ours = runCopies({});
    md.push('## Copies (dedup dev, 1,391 docs, date order)', '');
    md.push(
      '| system | pair P | pair R | pair F1 | closure F1 | ARI | digest groups | s |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    md.push(
      `| shared MinHash baseline (J ≥ 0.25, 64 bands) | ${pct(base.given.p)} | ${pct(base.given.r)} | ${pct(base.given.f1)} | ${pct(base.closure.f1)} | ${base.ari.toFixed(3)} | | |`,
    );
    md.push(
      `| StoryEngine (containment 0.5) | ${pct(ours.score.given.p)} | ${pct(ours.score.given.r)} | **${pct(ours.score.given.f1)}** | ${pct(ours.score.closure.f1)} | ${ours.score.ari.toFixed(3)} | ${ours.digestsGrouped} | ${ours.seconds.toFixed(2)} |`,
    );
    for (const c of [0.4, 0.6]) {
      const s = runCopies({ copies: { containment: c } });
      md.push(
        `| StoryEngine (containment ${c}) | ${pct(s.score.given.p)} | ${pct(s.score.given.r)} | ${pct(s.score.given.f1)} | ${pct(s.score.closure.f1)} | ${s.score.ari.toFixed(3)} | ${s.digestsGrouped} | |`,
      );
    }
    for (const k of [4, 6]) {
      const s = runCopies({ copies: { shingleSize: k } });
      md.push(
        `| StoryEngine (shingles of ${k} words) | ${pct(s.score.given.p)} | ${pct(s.score.given.r)} | ${pct(s.score.given.f1)} | ${pct(s.score.closure.f1)} | ${s.score.ari.toFixed(3)} | ${s.digestsGrouped} | |`,
      );
    }
    md.push('', 'Recall by perturbation / kind (pairs as given):', '');
    const keys = [...Object.keys(ours.score.byPert).sort(), ...Object.keys(ours.score.byKind).sort()];
    md.push(`| system | ${keys.join(' | ')} |`, `| --- | ${keys.map(() => '---').join(' | ')} |`);
    const rec = (s: DedupScore) =>
      keys.map((k) => {
        const v = s.byPert[k] ?? s.byKind[k];
        return v ? ((100 * v.given) / v.n).toFixed(1) : '';
      });
    md.push(
      `| MinHash baseline | ${rec(base).join(' | ')} |`,
      `| StoryEngine | ${rec(ours.score).join(' | ')} |`,
      '',
    );

    // Stories (`--only copies` stops after the copies tables: a quick check of copy detection)
    if (a.only === 'copies') {
      finish(md, a);
      return;
    }
    const baseStories = storiesBaseline(seeds);
    const ourStories = runStories({}, seeds);
    md.push('## Stories (ECB+ dev, 772 docs, 66 events; 5 stream orders = --shuffle-seed 1..5)', '');
    md.push(
      '| system | B³ F1 per order | B³ F1 mean ± sd | pairwise F1 mean ± sd |',
      '| --- | --- | --- | --- |',
    );
    const b3 = baseStories.map((x) => x[0]);
    const pw = baseStories.map((x) => x[1]);
    md.push(
      `| shared TF-IDF baseline (centroid 0.25) | ${b3.map(f2).join(' ')} | ${f2(mean(b3))} ± ${f2(sd(b3))} | ${f2(mean(pw))} ± ${f2(sd(pw))} |`,
    );
    const row = (label: string, scores: ClusterScore[]) => {
      const f = scores.map((s) => 100 * s.bcubed.f1);
      const p = scores.map((s) => 100 * s.pairwise.f1);
      return `| ${label} | ${f.map(f2).join(' ')} | ${f2(mean(f))} ± ${f2(sd(f))} | ${f2(mean(p))} ± ${f2(sd(p))} |`;
    };
    md.push(row('**StoryEngine**, current story ids at the end (after consolidation)', ourStories.resolved));
    md.push(row('StoryEngine, ids as written at arrival', ourStories.streamed));
    md.push(row('StoryEngine, arrival ids followed through story redirects', ourStories.redirected));
    md.push(
      row('StoryEngine, automatic consolidations only (no final one)', runStories({}, seeds, false).resolved),
    );
    md.push(
      row(
        'StoryEngine, single pass only (no consolidation)',
        runStories({ clustering: { consolidateEvery: 0 } }, seeds, false).resolved,
      ),
    );
    const sensitivity: Array<[string, StoreOpts]> = [
      ['consolidation threshold 0.25 (default 0.3)', { clustering: { consolidateThreshold: 0.25 } }],
      ['consolidation threshold 0.35', { clustering: { consolidateThreshold: 0.35 } }],
      ['8 neighbours (default 10)', { clustering: { neighbours: 8 } }],
      ['12 neighbours', { clustering: { neighbours: 12 } }],
      ['join threshold 0.25 (default 0.3)', { clustering: { threshold: 0.25 } }],
      ['join threshold 0.35', { clustering: { threshold: 0.35 } }],
    ];
    for (const [label, options] of sensitivity) {
      md.push(row(`sensitivity: ${label}`, runStories(options, seeds).resolved));
    }
    md.push(
      `| StoryEngine, B³ P / R (mean) | ${f2(mean(ourStories.resolved.map((s) => 100 * s.bcubed.p)))} / ${f2(mean(ourStories.resolved.map((s) => 100 * s.bcubed.r)))} | | |`,
    );
    md.push(
      '',
      `StoryEngine time on ECB+ (5 orders): ${(ourStories.seconds / 5).toFixed(2)} s per pass of 772 docs.`,
      '',
    );
  }

  if (a['skip-scale'] !== 'true') {
    const sizes = (a.sizes ?? '1000,10000,100000').split(',').map(Number);
    md.push(
      '## Scale (synthetic dated stream from the dev texts, ~2,000 articles/day, one process per size)',
      '',
    );
    md.push(
      '| articles | CPU ms/article (all) | CPU ms/article (last 10 %) | articles per CPU-second | wall ms/article (shared machine) | peak RSS MB | heap after GC at end, MB | live stories at end | articles in copy window |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const n of sizes) {
      const res = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--scale-child', String(n)],
        // Progress lines (stderr) show live; the result is the last stdout line.
        { encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      if (res.status !== 0) {
        md.push(`| ${n} | failed (exit ${res.status}, see stderr) |`);
        continue;
      }
      const r = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}');
      md.push(
        `| ${n.toLocaleString('en')} | ${r.cpuMsPerArticle.toFixed(3)} | ${r.cpuMsPerArticleLast10pct.toFixed(3)} | ${Math.round(r.articlesPerCpuSec)} | ${r.wallMsPerArticle.toFixed(3)} | ${Math.round(r.maxRssMB)} | ${r.heapAfterGcMB === undefined ? '' : Math.round(r.heapAfterGcMB)} | ${r.liveStories} | ${r.indexedArticles} |`,
      );
      process.stderr.write(`scale ${n}: ${JSON.stringify(r)}\n`);
    }
    md.push('');
  }
  finish(md, a);
}

/** Prints the report and writes it to --out (default docs/bench/stories.md; `none` = print only). */
function finish(md: string[], a: Record<string, string>): void {
  const text = md.join('\n') + '\n';
  process.stdout.write(text);
  const out = a.out ?? path.join(root, 'docs/bench/stories.md');
  if (a.out !== 'none') {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  }
  fs.rmSync(TMP, { recursive: true, force: true });
}

main();
