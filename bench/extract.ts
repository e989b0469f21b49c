/**
 * `npm run bench:extract` — scores NewsBite's extractor and, in the same run, Readability 0.6 on
 * linkedom, on the shared dev set (../shared/bench/extraction) with the shared scorer.
 * Scores and peak RSS: one pass of each tool in its own child process. Times: one child runs both
 * tools page by page, alternating, minimum over `--runs` runs per page (the machine is shared, so
 * alternating gives both tools the same load).
 *
 *   npm run bench:extract [-- --runs 3] [--no-write] [--memory 10000]
 *
 * `--memory N` runs NewsBite over N pages (the dev pages repeated) and prints RSS/heap samples.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';
import { extract } from '../src/extract/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const benchDir = path.resolve(root, '../shared/bench/extraction');
const devHtml = path.join(benchDir, 'data/dev-html.jsonl.gz');

interface Page {
  id: string;
  url: string;
  html: string;
}

function loadPages(): Page[] {
  if (!fs.existsSync(devHtml)) {
    console.error(`dev set not found: ${devHtml}`);
    process.exit(2);
  }
  return zlib
    .gunzipSync(fs.readFileSync(devHtml))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Page);
}

/** Readability's content HTML as text with a newline at every block element (block-aware). */
function htmlToBlockText(html: string): string {
  return decodeHTML(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
      .replace(
        /<\/?(p|div|li|ul|ol|h[1-6]|br|td|th|tr|table|blockquote|pre|section|article|figure|figcaption|dd|dt)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

type Tool = 'newsbite' | 'readability';

const TOOLS: Record<Tool, (page: Page) => { text: string; finish?: () => string }> = {
  newsbite: (page) => ({ text: extract(page.html, page.url).text }),
  readability: (page) => {
    const article = new Readability(parseHTML(page.html).document as unknown as Document).parse();
    const content = article?.content ?? '';
    // The HTML → text step is not timed (as in the shared README's measurements).
    return { text: '', finish: () => htmlToBlockText(content) };
  },
};

/** One pass of one tool: predictions for the scorer and this process's peak RSS. */
function runChild(tool: Tool, out: string): void {
  const pages = loadPages();
  const lines: string[] = [];
  for (const page of pages) {
    try {
      const result = TOOLS[tool](page);
      const text = result.finish ? result.finish() : result.text;
      lines.push(JSON.stringify({ id: page.id, text }));
    } catch (e) {
      lines.push(JSON.stringify({ id: page.id, text: '', error: (e as Error).message }));
    }
  }
  fs.writeFileSync(out, lines.join('\n') + '\n');
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
}

/**
 * Times both tools page by page, alternating them, so both see the same machine load (the machine
 * is shared); per page and tool the minimum of `runs` runs after one warm-up pass.
 */
function runTiming(runs: number): void {
  const pages = loadPages();
  const tools = Object.keys(TOOLS) as Tool[];
  for (const tool of tools) for (const page of pages.slice(0, 20)) safely(() => TOOLS[tool](page));
  const times: Record<string, number[]> = Object.fromEntries(tools.map((t) => [t, []]));
  for (const page of pages) {
    const best: Record<string, number> = Object.fromEntries(tools.map((t) => [t, Number.POSITIVE_INFINITY]));
    for (let r = 0; r < runs; r++) {
      for (const tool of tools) {
        const t0 = performance.now();
        safely(() => TOOLS[tool](page));
        best[tool] = Math.min(best[tool], performance.now() - t0);
      }
    }
    for (const tool of tools) times[tool].push(best[tool]);
  }
  process.stdout.write(JSON.stringify(times));
}

function safely(fn: () => unknown): void {
  try {
    fn();
  } catch {
    /* errors are counted by the prediction pass */
  }
}

function runMemory(n: number): void {
  const pages = loadPages();
  const samples: { pages: number; rssMb: number; heapMb: number }[] = [];
  const every = Math.max(1, Math.floor(n / 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < n; i++) {
    const page = pages[i % pages.length];
    extract(page.html, page.url);
    if ((i + 1) % every === 0) {
      gc?.();
      const m = process.memoryUsage();
      samples.push({
        pages: i + 1,
        rssMb: +(m.rss / 2 ** 20).toFixed(1),
        heapMb: +(m.heapUsed / 2 ** 20).toFixed(1),
      });
      console.log(
        `${String(i + 1).padStart(6)} pages  rss ${samples.at(-1)!.rssMb} MB  heap ${samples.at(-1)!.heapMb} MB`,
      );
    }
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${peak.toFixed(0)} MB over ${n} pages`);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  if (flag('--child')) return runChild(value('--child', 'newsbite') as Tool, value('--out', ''));
  if (flag('--timing')) return runTiming(Number(value('--runs', '3')));
  if (flag('--memory')) return runMemory(Number(value('--memory', '10000')));

  const runs = Number(value('--runs', '3'));
  const scorer = await import(pathToFileURL(path.join(benchDir, 'score.mjs')).href);
  const truth = scorer.loadTruth('dev');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-'));
  const rows: string[] = [];
  const header =
    '| extractor | F1 | precision | recall | accuracy | errors | median ms/page | p95 ms/page | pages/s | peak RSS |';
  rows.push(header, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const medians: Record<string, number> = {};
  const spawn = (args: string[]) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    return JSON.parse(child.stdout);
  };
  const timing = spawn(['--timing', '--runs', String(runs)]) as Record<Tool, number[]>;
  for (const tool of ['newsbite', 'readability'] as Tool[]) {
    const out = path.join(tmp, `${tool}.jsonl`);
    const { maxRssKb } = spawn(['--child', tool, '--out', out]) as { maxRssKb: number };
    const times = timing[tool];
    const sorted = [...times].sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0);
    const score = scorer.scoreSet(truth, scorer.loadPredictions(out, tool), { bootstrap: 200 });
    medians[tool] = quantile(sorted, 0.5);
    const label = tool === 'newsbite' ? 'NewsBite extract' : 'Readability 0.6 + linkedom (block-aware text)';
    rows.push(
      `| ${label} | ${score.f1.toFixed(3)} | ${score.precision.toFixed(3)} | ${score.recall.toFixed(3)} | ${score.accuracy.toFixed(3)} | ${score.errors} | ${quantile(sorted, 0.5).toFixed(2)} | ${quantile(sorted, 0.95).toFixed(2)} | ${(times.length / (total / 1000)).toFixed(0)} | ${(maxRssKb / 1024).toFixed(0)} MB |`,
    );
  }
  const ratio = medians.readability / medians.newsbite;
  const command = `npm run bench:extract${runs !== 3 ? ` -- --runs ${runs}` : ''}`;
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const text = [
    '# Extraction benchmark (dev set, 181 pages)',
    '',
    `Measured ${date} UTC with \`${command}\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}.`,
    `Scored with the shared scorer (\`../shared/bench/extraction/score.mjs\`, scrapinghub metric); times are the extraction call per page, minimum of ${runs} runs, the two tools alternating page by page in one process (the machine is shared, so both see the same load); scores and peak RSS come from one pass of each tool in its own process (peak RSS includes the 181 loaded pages).`,
    '',
    ...rows,
    '',
    `NewsBite median is ${ratio.toFixed(1)}× faster than Readability-on-linkedom in this run.`,
    '',
  ].join('\n');
  console.log(text);
  if (!flag('--no-write')) {
    const file = path.join(root, 'docs/bench/extract.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const memoryNote = fs.existsSync(file)
      ? (fs.readFileSync(file, 'utf8').split('<!-- memory -->')[1] ?? '')
      : '';
    fs.writeFileSync(file, memoryNote ? `${text}\n<!-- memory -->${memoryNote}` : text);
    console.log(`written to ${path.relative(root, file)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
